package org.sightline.consumers.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerKeyTest {

  @Test
  void readsTheKeyOfABearerHeaderOnly() {
    assertThat(BearerKey.of("Bearer k-1")).contains("k-1");
    assertThat(BearerKey.of("bearer   k-1 ")).contains("k-1");
    assertThat(BearerKey.of("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(BearerKey.of("Bearer")).isEmpty();
    assertThat(BearerKey.of("Bearer ")).isEmpty();
    assertThat(BearerKey.of("Bearerk-1")).isEmpty();
    assertThat(BearerKey.of(null)).isEmpty();
  }
}
