package org.sightline.intake.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The processor's answers are passed on as it wrote them: cut out, never parsed and rewritten. */
class ProcessorLookupTest {

  @Test
  void eachResultIsItsOwnTextInOrderWhateverItHolds() throws IOException {
    String first =
        "{\"key\":\"url:http://a.example/\\\"x\",\"known\":true,\"categories\":[\"CSAM\"],"
            + "\"identification\":{\"series\":\"A, B\"}}";
    String second = "{\"key\":\"sha256:00\",\"known\":false}";
    String answer = "{\"other\":{\"results\":[1]},\"results\":[" + first + " , " + second + "]}";
    assertThat(ProcessorLookup.results(answer)).containsExactly(first, second);
    assertThat(ProcessorLookup.results("{\"results\":[]}")).isEmpty();
  }

  @Test
  void anAnswerThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> ProcessorLookup.results("[1,2]")).isInstanceOf(IOException.class);
  }
}
