package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over random and mutated inputs, per type: nothing but {@link
 * InvalidIndicatorException} ever escapes (checked without the safety net that turns a bug into a
 * rejection), and canonicalisation is idempotent: canon(canon(x)) == canon(x). The seed is fixed so
 * that a failure is reproducible; {@code -Dsightline.fuzz.seed=N} explores others.
 */
class CanonicalizerFuzzTest {

  static final int RUNS = Integer.getInteger("sightline.fuzz.runs", 100_000);
  static final long SEED = Long.getLong("sightline.fuzz.seed", 20261120L);

  static final String ALPHABET =
      "abcxyzABCXYZ0123456789.:/?#%@[]-_+=&;,!~*'() \t\r\n\u0000\u0001\u007f\u0080\u00e9\u00fc"
          + "\u0130\u212a\u3002\uff0e\u2488\u00ad\u200d\u0131\u00df\u03c2\ud83d\ude00";

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of(
            "url",
            List.of(
                "http://www.example.co.uk/a/./b/../c?q=1#f",
                "HTTP://0x7f.1:80/%2e%2e/x",
                "https://[2001:db8::1]:8443/p",
                "b%C3%BCcher.example/%25%32%35",
                "http://user:pw@host.com//a//b?c//d",
                "ftp://\u0001\u0080.com:21/")),
        Arguments.of(
            "domain", List.of("www.example.co.uk", "münchen.de", "a.blogspot.com", "x.onion")),
        Arguments.of(
            "host", List.of("www.Example.com", "0300.0250.0.1", "[::1]", "a_b.example.org")),
        Arguments.of(
            "ip", List.of("192.168.0.1", "0xC0A80001", "2001:db8::1", "::ffff:1.2.3.4", "1.2")),
        Arguments.of("md5", List.of("d41d8cd98f00b204e9800998ecf8427e")),
        Arguments.of("sha1", List.of("da39a3ee5e6b4b0d3255bfef95601890afd80709")),
        Arguments.of(
            "sha256", List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
        Arguments.of(
            "pdq", List.of("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22")),
        Arguments.of(
            "photodna",
            List.of("00".repeat(100) + "ab".repeat(44), "A".repeat(192), "1,".repeat(143) + "255")),
        Arguments.of(
            "email", List.of("John.Doe@Example.COM", "mailto:a+b@bücher.example", "x@y.co.uk")),
        Arguments.of(
            "phone",
            List.of("+31 6 12345678", "06-12345678", "0049 30 1234567", "tel:+1-202-555-0143")),
        Arguments.of(
            "wallet",
            List.of(
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
                "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A")),
        Arguments.of(
            "username", List.of("@Durov_Channel", "John.Smith.1", "/u/Some-User", "abcd1234")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void onlyValidationErrorsAndIdempotent(String type, List<String> seeds) {
    Random r = new Random(SEED ^ type.hashCode());
    List<String> chains = List.copyOf(new java.util.TreeSet<>(Canonicalizer.chains()));
    List<String> platforms = List.copyOf(Canonicalizer.platforms());
    String[] regions = {null, "NL", "DE", "US", "GB"};
    int accepted = 0;
    for (int i = 0; i < RUNS; i++) {
      String input = r.nextInt(4) == 0 ? random(r) : mutate(r, seeds.get(r.nextInt(seeds.size())));
      String t = type;
      if (type.equals("wallet")) {
        t = "wallet:" + chains.get(r.nextInt(chains.size()));
      } else if (type.equals("username")) {
        t = "username:" + platforms.get(r.nextInt(platforms.size()));
      }
      String region = regions[r.nextInt(regions.length)];
      CanonicalIndicator c;
      try {
        c = Canonicalizer.canonicalizeUnguarded(t, input, region);
      } catch (InvalidIndicatorException e) {
        String reason = e.reason();
        if (reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0 || reason.indexOf('\t') >= 0) {
          fail("a reason on more than one line: %s", reason);
        }
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(t + " " + Text.quote(input) + " threw " + e, e);
      }
      accepted++;
      String qualified = t;
      int colon = c.key().lastIndexOf(":" + c.value());
      if (t.contains(":")) {
        qualified = c.key().substring(0, colon);
      }
      CanonicalIndicator again;
      try {
        again = Canonicalizer.canonicalizeUnguarded(qualified, c.value(), null);
      } catch (RuntimeException e) {
        throw new AssertionError(
            "canon of the canonical form failed: " + t + " " + Text.quote(input) + " -> " + c.key(),
            e);
      }
      // A domain's derived host: key names the input's subdomain, which the canonical form drops.
      boolean sameDerived = type.equals("domain") || again.derivedKeys().equals(c.derivedKeys());
      if (!again.key().equals(c.key()) || !sameDerived) {
        fail("not idempotent: %s %s -> %s -> %s", t, Text.quote(input), c.key(), again.key());
      }
    }
    // The mutations must exercise the accepting path too, not only rejections.
    assertThat(accepted).as("accepted inputs").isGreaterThan(RUNS / 100);
  }

  static String random(Random r) {
    int n = r.nextInt(40);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  static String mutate(Random r, String seed) {
    StringBuilder b = new StringBuilder(seed);
    int edits = r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int pos = b.length() == 0 ? 0 : r.nextInt(b.length());
      switch (r.nextInt(7)) {
        case 0 -> b.insert(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        case 1 -> {
          if (b.length() > 0) {
            b.deleteCharAt(pos);
          }
        }
        case 2 -> {
          if (b.length() > 0) {
            b.setCharAt(pos, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          }
        }
        case 3 -> {
          if (b.length() > 0) {
            char c = b.charAt(pos);
            b.setCharAt(
                pos,
                Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
          }
        }
        case 4 -> b.insert(pos, "%" + Integer.toHexString(r.nextInt(256)));
        case 5 -> b.insert(pos, r.nextBoolean() ? "/../" : "..");
        default -> b.insert(0, ' ').append(' ');
      }
    }
    return b.toString();
  }
}
