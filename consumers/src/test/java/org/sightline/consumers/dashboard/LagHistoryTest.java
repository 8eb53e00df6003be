package org.sightline.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

  private static final long T0 = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 60_000L);

  @Test
  void eachMinuteShowsItsHighestMeasurementAndNoneWhereNothingWasMeasured() {
    LagHistory history = new LagHistory(3_600_000L);
    history.measured(T0 + 1_000, 40);
    history.measured(T0 + 11_000, 900); // a backlog that is gone by the end of the minute
    history.measured(T0 + 21_000, 0);
    history.measured(T0 + 120_000, 5);

    Long[] view = history.view(Minutes.endingAt(Instant.ofEpochMilli(T0 + 120_000), 4));

    assertThat(view).containsExactly(null, 900L, null, 5L);
  }

  @Test
  void minutesOlderThanTheRetentionAreForgotten() {
    LagHistory history = new LagHistory(120_000L);
    history.measured(T0, 7);
    history.measured(T0 + 300_000, 1);

    assertThat(history.view(Minutes.endingAt(Instant.ofEpochMilli(T0 + 300_000), 6)))
        .containsExactly(null, null, null, null, null, 1L);
  }
}
