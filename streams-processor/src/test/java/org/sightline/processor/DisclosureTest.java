package org.sightline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sightline.processor.correlation.Disclosure;
import org.sightline.processor.correlation.Disclosure.Level;
import org.sightline.schema.Tlp;

/**
 * Every cell of the disclosure table: a sighting of an agency of NL, seen by each kind of
 * recipient.
 */
class DisclosureTest {

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of(Tlp.CLEAR, "secretariat", Level.FULL),
        Arguments.of(Tlp.CLEAR, "NL", Level.FULL),
        Arguments.of(Tlp.CLEAR, "DE", Level.FULL),
        Arguments.of(Tlp.GREEN, "secretariat", Level.FULL),
        Arguments.of(Tlp.GREEN, "NL", Level.FULL),
        Arguments.of(Tlp.GREEN, "DE", Level.FULL),
        Arguments.of(Tlp.AMBER, "secretariat", Level.FULL),
        Arguments.of(Tlp.AMBER, "NL", Level.FULL),
        Arguments.of(Tlp.AMBER, "DE", Level.NO_CASE_REFERENCE),
        Arguments.of(Tlp.AMBER_STRICT, "secretariat", Level.FULL),
        Arguments.of(Tlp.AMBER_STRICT, "NL", Level.FULL),
        Arguments.of(Tlp.AMBER_STRICT, "DE", Level.NO_CASE_REFERENCE),
        Arguments.of(Tlp.RED, "secretariat", Level.FULL),
        Arguments.of(Tlp.RED, "NL", Level.FULL),
        Arguments.of(Tlp.RED, "DE", Level.HIT_ONLY));
  }

  @ParameterizedTest(name = "{0} to {1}: {2}")
  @MethodSource("cells")
  void eachCellOfTheTable(Tlp tlp, String recipient, Level expected) {
    assertThat(Disclosure.of("NL", tlp, recipient)).isEqualTo(expected);
  }
}
