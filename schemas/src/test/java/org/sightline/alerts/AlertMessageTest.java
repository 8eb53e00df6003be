package org.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sightline.schema.Alert;

class AlertMessageTest {

  @Test
  void aMessageIsComposedFromItsKeyTheGroundTheCountriesAndTheHitNoHitSentence() {
    Map<String, String> params =
        AlertMessage.params("count", "2", "countries", "DE, NL", "hidden", "true");
    assertThat(AlertMessage.CROSS_BORDER.compose(params))
        .isEqualTo(
            "Reported by agencies of 2 countries. Countries: DE, NL. Another member holds"
                + " information on this indicator. Contact the secretariat to deconflict.");
    assertThat(
            AlertMessage.IWOL_REJECTED.compose(
                AlertMessage.params("by", "cli:omar", "ground", "a file host")))
        .isEqualTo(
            "Not listed: rejected by the secretariat (cli:omar). Only sightings observed from now"
                + " on can propose it again. Ground: a file host.");
  }

  @Test
  void theKeyAndParametersTravelWithTheEnglishText() {
    Alert.Builder alert =
        AlertMessage.NEAR_DUPLICATE.on(Alert.newBuilder(), AlertMessage.params("distance", "12"));
    assertThat(alert.getMessageKey()).isEqualTo("nearDuplicate");
    assertThat(alert.getMessageParams()).containsExactly(Map.entry("distance", "12"));
    assertThat(alert.getMessage()).contains("PDQ distance 12 of at most 31");
  }

  @Test
  void aMissingParameterStaysVisibleAndANullOneIsLeftOut() {
    assertThat(AlertMessage.LINKED.render(Map.of())).contains("{indicator}");
    assertThat(AlertMessage.params("series", null)).isEmpty();
  }

  @Test
  void keysAreUnique() {
    assertThat(Arrays.stream(AlertMessage.values()).map(AlertMessage::key).distinct().count())
        .isEqualTo(AlertMessage.values().length);
  }
}
