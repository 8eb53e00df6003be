package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainNamesTest {

  @Test
  void servesPlainHostNamesInLowerCaseWithoutTheTrailingDot() {
    assertThat(DomainNames.normalize("Example.COM.")).contains("example.com");
    assertThat(DomainNames.normalize("xn--bcher-kva.example")).contains("xn--bcher-kva.example");
    assertThat(DomainNames.normalize("a-b.co.uk")).contains("a-b.co.uk");
  }

  @Test
  void refusesWhatCouldBreakAZoneFileOrASheet() {
    assertThat(DomainNames.normalize("com")).as("a whole top-level domain").isEmpty();
    assertThat(DomainNames.normalize("bad domain.example")).isEmpty();
    assertThat(DomainNames.normalize("a.example\nevil.example CNAME .")).isEmpty();
    assertThat(DomainNames.normalize("a.example;comment")).isEmpty();
    assertThat(DomainNames.normalize("=cmd.example")).isEmpty();
    assertThat(DomainNames.normalize("-a.example")).isEmpty();
    assertThat(DomainNames.normalize("*.example.com")).isEmpty();
    assertThat(DomainNames.normalize("a..example")).isEmpty();
    assertThat(DomainNames.normalize("x".repeat(64) + ".example")).isEmpty();
    assertThat(DomainNames.normalize("")).isEmpty();
    assertThat(DomainNames.normalize(null)).isEmpty();
  }
}
