package org.sightline.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lookup bench checks every answer: its streaming count must count what a reader would. */
class LookupBenchmarkTest {

  @Test
  void countsResultsAndKnownOnesAtTheirOwnLevelOnly() throws Exception {
    String answer =
        "{\"requestId\":\"r\",\"known\":true,\"results\":["
            + "{\"key\":\"a\",\"known\":true,\"identification\":{\"known\":true}},"
            + "{\"key\":\"b\",\"known\":false,\"categories\":[\"CSAM\"]},"
            + "{\"known\":true,\"linked\":[]}]}";
    assertThat(LookupBenchmark.count(answer)).containsExactly(3, 2);
    assertThat(LookupBenchmark.count("{\"results\":[]}")).containsExactly(0, 0);
  }
}
