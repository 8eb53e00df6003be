package org.sightline.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sightline.alerts.AlertMessage;
import org.sightline.members.User;

/**
 * The console's four bundles (one per language a user may have) say the same things: the same keys,
 * the same placeholders in each message, and no message left empty or in English where the language
 * has its own word.
 */
class MessageBundlesTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  @Test
  void everyLanguageHasEveryKeyWithTheSamePlaceholders() throws Exception {
    Map<String, Map<String, String>> bundles = new LinkedHashMap<>();
    for (String lang : User.LANGUAGES) {
      bundles.put(lang, bundle(lang));
    }
    Map<String, String> en = bundles.get("en");
    for (var entry : bundles.entrySet()) {
      Map<String, String> bundle = entry.getValue();
      assertThat(bundle.keySet()).as("keys of %s", entry.getKey()).isEqualTo(en.keySet());
      for (String key : en.keySet()) {
        assertThat(bundle.get(key)).as("%s in %s", key, entry.getKey()).isNotBlank();
        assertThat(placeholders(bundle.get(key)))
            .as("placeholders of %s in %s", key, entry.getKey())
            .isEqualTo(placeholders(en.get(key)));
      }
    }
    // Translated, not copied: the words a reader sees most differ from the English ones.
    for (String lang : Set.of("ar", "fr", "es")) {
      for (String key : Set.of("nav.logout", "col.reason", "filter.status", "lookup.title")) {
        assertThat(bundles.get(lang).get(key)).as("%s in %s", key, lang).isNotEqualTo(en.get(key));
      }
    }
  }

  @Test
  void everyAlertMessageIsInEveryLanguageAndTheEnglishIsTheProcessors() throws Exception {
    for (String lang : User.LANGUAGES) {
      Map<String, String> bundle = bundle(lang);
      for (AlertMessage message : AlertMessage.values()) {
        String key = "alertmsg." + message.key();
        assertThat(bundle).as("%s in %s", key, lang).containsKey(key);
        assertThat(placeholders(bundle.get(key)))
            .as("placeholders of %s in %s", key, lang)
            .isEqualTo(placeholders(message.english()));
      }
    }
    Map<String, String> en = bundle("en");
    for (AlertMessage message : AlertMessage.values()) {
      assertThat(en.get("alertmsg." + message.key())).isEqualTo(message.english());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> bundle(String lang) throws Exception {
    try (InputStream in =
        MessageBundlesTest.class.getResourceAsStream(
            "/META-INF/resources/i18n/messages_" + lang + ".json")) {
      assertThat(in).as("the %s bundle", lang).isNotNull();
      return new ObjectMapper().readValue(in, Map.class);
    }
  }

  private static Set<String> placeholders(String message) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(message);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
