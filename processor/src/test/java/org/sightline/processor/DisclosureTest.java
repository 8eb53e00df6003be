package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sightline.processor.correlation.Disclosure;
import org.sightline.processor.correlation.Disclosure.Level;
import org.sightline.processor.correlation.Viewer;
import org.sightline.schema.Tlp;

/**
 * Every cell of the disclosure table: a sighting of nl-police, seen by the secretariat, by
 * nl-police itself, by NL (its alert topic, which every NL agency reads), by another NL agency, by
 * DE and by one DE agency; under each TLP, and limited to named recipients.
 */
class DisclosureTest {

  private static final Viewer SECRETARIAT = Viewer.SECRETARIAT;
  private static final Viewer ITSELF = Viewer.agency("nl-police", "NL");
  private static final Viewer NL = Viewer.country("NL");
  private static final Viewer NL_HOTLINE = Viewer.agency("nl-hotline", "NL");
  private static final Viewer DE = Viewer.country("DE");
  private static final Viewer DE_POLICE = Viewer.agency("de-police", "DE");

  static Stream<Arguments> cells() {
    Stream.Builder<Arguments> cells = Stream.builder();
    for (Tlp tlp : List.of(Tlp.CLEAR, Tlp.GREEN)) {
      for (Viewer v : List.of(SECRETARIAT, ITSELF, NL, NL_HOTLINE, DE, DE_POLICE)) {
        cells.add(Arguments.of(tlp, List.of(), v, Level.FULL));
      }
    }
    cells.add(Arguments.of(Tlp.AMBER, List.of(), SECRETARIAT, Level.FULL));
    cells.add(Arguments.of(Tlp.AMBER, List.of(), ITSELF, Level.FULL));
    cells.add(Arguments.of(Tlp.AMBER, List.of(), NL, Level.FULL));
    cells.add(Arguments.of(Tlp.AMBER, List.of(), NL_HOTLINE, Level.FULL));
    cells.add(Arguments.of(Tlp.AMBER, List.of(), DE, Level.NO_CASE_REFERENCE));
    cells.add(Arguments.of(Tlp.AMBER, List.of(), DE_POLICE, Level.NO_CASE_REFERENCE));
    // TLP 2.0: AMBER+STRICT is for the recipient organisation only; RED for its named people.
    for (Tlp tlp : List.of(Tlp.AMBER_STRICT, Tlp.RED)) {
      cells.add(Arguments.of(tlp, List.of(), SECRETARIAT, Level.FULL));
      cells.add(Arguments.of(tlp, List.of(), ITSELF, Level.FULL));
      cells.add(Arguments.of(tlp, List.of(), NL, Level.HIDDEN));
      cells.add(Arguments.of(tlp, List.of(), NL_HOTLINE, Level.HIDDEN));
      cells.add(Arguments.of(tlp, List.of(), DE, Level.HIDDEN));
      cells.add(Arguments.of(tlp, List.of(), DE_POLICE, Level.HIDDEN));
      // Naming recipients never loosens a TLP.
      cells.add(Arguments.of(tlp, List.of("DE"), DE, Level.HIDDEN));
    }
    // Named recipients: only they (besides the secretariat and the agency itself), as the TLP says.
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), SECRETARIAT, Level.FULL));
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), ITSELF, Level.FULL));
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), DE, Level.FULL));
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), DE_POLICE, Level.FULL));
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), NL, Level.HIDDEN));
    cells.add(Arguments.of(Tlp.GREEN, List.of("DE"), NL_HOTLINE, Level.HIDDEN));
    cells.add(Arguments.of(Tlp.AMBER, List.of("DE", "JO"), DE, Level.NO_CASE_REFERENCE));
    cells.add(Arguments.of(Tlp.GREEN, List.of("NL", "DE"), NL_HOTLINE, Level.FULL));
    cells.add(Arguments.of(Tlp.GREEN, List.of("JO"), DE, Level.HIDDEN));
    return cells.build();
  }

  @ParameterizedTest(name = "{0} shared with {1} to {2}: {3}")
  @MethodSource("cells")
  void eachCellOfTheTable(Tlp tlp, List<String> shareWith, Viewer viewer, Level expected) {
    assertThat(Disclosure.of("nl-police", "NL", tlp, shareWith, viewer)).isEqualTo(expected);
  }
}
