package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WarningPatternsTest {

  @Test
  void patternsAreKeptInCanonicalForm() {
    assertThat(WarningPatterns.canonical("*.Example.COM")).isEqualTo("*.example.com");
    assertThat(WarningPatterns.canonical("*.bücher.example")).isEqualTo("*.xn--bcher-kva.example");
    assertThat(WarningPatterns.canonical("host:CDN.Example.com."))
        .isEqualTo("host:cdn.example.com");
    assertThat(WarningPatterns.canonical("192.0.2.77/24")).isEqualTo("cidr:192.0.2.0/24");
    assertThat(WarningPatterns.canonical("CIDR:2001:DB8::1/32")).isEqualTo("cidr:2001:db8::/32");
    assertThat(WarningPatterns.canonical("domain:www.bit.ly")).isEqualTo("domain:bit.ly");
    assertThat(WarningPatterns.canonical("md5:D41D8CD98F00B204E9800998ECF8427E"))
        .isEqualTo("md5:d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void aBadPatternSaysWhy() {
    assertThatThrownBy(() -> WarningPatterns.canonical("*.www.example.com"))
        .hasMessageContaining("*.example.com");
    assertThatThrownBy(() -> WarningPatterns.canonical("cidr:192.0.2.0/33"))
        .hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> WarningPatterns.canonical("cidr:not-an-ip/8"))
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> WarningPatterns.canonical("example.com"))
        .hasMessageContaining("not a pattern");
    assertThatThrownBy(() -> WarningPatterns.canonical(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> WarningPatterns.canonical("md5:xyz"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUrlFallsUnderItsHostAndItsRegistrableDomain() {
    assertThat(WarningPatterns.candidates("url:http://files.cdn.example.com/a"))
        .containsExactlyInAnyOrder(
            "url:http://files.cdn.example.com/a", "host:files.cdn.example.com", "*.example.com");
    assertThat(WarningPatterns.candidates("domain:example.com"))
        .containsExactly("domain:example.com", "*.example.com");
    assertThat(WarningPatterns.candidates("md5:d41d8cd98f00b204e9800998ecf8427e"))
        .containsExactly("md5:d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void anAddressIsMatchedByRangeAlsoAsAUrlsHost() {
    assertThat(WarningPatterns.addresses("url:http://192.0.2.55/x")).containsExactly("192.0.2.55");
    assertThat(WarningPatterns.addresses("ip:192.0.2.55")).containsExactly("192.0.2.55");
    assertThat(WarningPatterns.inRange("cidr:192.0.2.0/24", "192.0.2.55")).isTrue();
    assertThat(WarningPatterns.inRange("cidr:192.0.2.0/25", "192.0.2.200")).isFalse();
    assertThat(WarningPatterns.inRange("cidr:2001:db8::/32", "2001:db8:1::5")).isTrue();
    assertThat(WarningPatterns.inRange("cidr:2001:db8::/32", "192.0.2.55")).isFalse();
    assertThat(WarningPatterns.inRange("cidr:0.0.0.0/0", "203.0.113.9")).isTrue();
  }
}
