package org.sightline.intake.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which keys the audit record names for the processor to tell their holders: those that hid. */
class UndisclosedKeysTest {

  @Test
  void aBareHitAndUndisclosedHoldersAreNamedAndNothingElse() {
    List<String> keys = List.of("k1", "k2", "k3", "k4");
    List<String> answers =
        List.of(
            "{\"key\":\"k1\",\"known\":true,\"disclosure\":\"HIT_NO_HIT\"}",
            "{\"key\":\"k2\",\"known\":true,\"disclosure\":\"DETAILS\",\"agencies\":1}",
            "{\"key\":\"k3\",\"known\":true,\"disclosure\":\"DETAILS\",\"undisclosedHolders\":true}",
            "{\"key\":\"k4\",\"known\":false}");
    assertThat(LookupResource.undisclosed(keys, answers)).containsExactlyInAnyOrder("k1", "k3");
  }
}
