package org.sightline.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of instants agrees with {@link Instant#parse}, and refuses what it refuses. */
class InstantsTest {

  @Test
  void agreesWithInstantParse() {
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      Instant t =
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
      String text = t.toString();
      assertThat(Instants.parse(text)).as(text).isEqualTo(t);
    }
    for (String s :
        new String[] {
          "2026-11-20T10:15:00Z",
          "2026-11-20T10:15:00.5Z",
          "2024-02-29T23:59:59.123456789Z",
          "2026-11-20T10:15:00+02:00",
          "+12026-11-20T10:15:00Z"
        }) {
      assertThat(Instants.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void refusesWhatInstantParseRefuses() {
    for (String s :
        new String[] {
          "2026-02-30T10:15:00Z", "2026-11-20T10:15:0xZ", "2026-13-01T00:00:00Z", "yesterday"
        }) {
      assertThatThrownBy(() -> Instants.parse(s)).as(s).isInstanceOf(DateTimeException.class);
    }
  }
}
