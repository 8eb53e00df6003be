package org.sightline.consumers.iwol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessProviderAuthTest {

  @Test
  void readsTheKeyOfABearerHeaderOnly() {
    assertThat(AccessProviderAuth.bearerKey("Bearer k-1")).contains("k-1");
    assertThat(AccessProviderAuth.bearerKey("bearer   k-1 ")).contains("k-1");
    assertThat(AccessProviderAuth.bearerKey("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(AccessProviderAuth.bearerKey("Bearer")).isEmpty();
    assertThat(AccessProviderAuth.bearerKey("Bearer ")).isEmpty();
    assertThat(AccessProviderAuth.bearerKey("Bearerk-1")).isEmpty();
    assertThat(AccessProviderAuth.bearerKey(null)).isEmpty();
  }
}
