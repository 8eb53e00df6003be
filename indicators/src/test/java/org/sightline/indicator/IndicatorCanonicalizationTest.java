package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sightline.schema.Indicator;
import org.sightline.schema.IndicatorType;

class IndicatorCanonicalizationTest {

  static final String PHOTODNA_HEX = "00".repeat(100) + "ab".repeat(44);

  /** type, value, default region, expected key. */
  static Stream<Arguments> accepted() {
    byte[] pdna = Hashes.fromHex(PHOTODNA_HEX);
    StringBuilder decimals = new StringBuilder();
    for (byte b : pdna) {
      decimals.append(decimals.length() == 0 ? "" : ",").append(b & 0xff);
    }
    return Stream.of(
        // domain: the registrable domain, IDN to punycode
        Arguments.of("domain", "Example.COM", null, "domain:example.com"),
        Arguments.of("domain", "www.example.co.uk.", null, "domain:example.co.uk"),
        Arguments.of("domain", "münchen.de", null, "domain:xn--mnchen-3ya.de"),
        Arguments.of("domain", "evil.blogspot.com", null, "domain:evil.blogspot.com"),
        Arguments.of("domain", "foo.unknowntld", null, "domain:foo.unknowntld"),
        // host
        Arguments.of("host", "WWW.Example.com", null, "host:www.example.com"),
        Arguments.of("host", "0x7f.1", null, "host:127.0.0.1"),
        Arguments.of("host", "[2001:DB8::1]", null, "host:2001:db8::1"),
        Arguments.of("host", "under_score.example.com", null, "host:under_score.example.com"),
        // ip
        Arguments.of("ip", "192.168.0.1", null, "ip:192.168.0.1"),
        Arguments.of("ip", "0xC0A80001", null, "ip:192.168.0.1"),
        Arguments.of("ip", "3232235521", null, "ip:192.168.0.1"),
        Arguments.of("ip", "0300.0250.0.01", null, "ip:192.168.0.1"),
        Arguments.of("ip", "192.168.1", null, "ip:192.168.0.1"),
        Arguments.of("ip", "2001:0DB8:0000:0000:0000:0000:0000:0001", null, "ip:2001:db8::1"),
        Arguments.of("ip", "[2001:db8::1]", null, "ip:2001:db8::1"),
        Arguments.of("ip", "2001:db8:0:0:1:0:0:1", null, "ip:2001:db8::1:0:0:1"),
        Arguments.of("ip", "::ffff:10.0.0.1", null, "ip:10.0.0.1"),
        // hashes
        Arguments.of(
            "md5",
            " 0CC175B9C0F1B6A831C399E269772661 ",
            null,
            "md5:0cc175b9c0f1b6a831c399e269772661"),
        Arguments.of(
            "sha1",
            "86F7E437FAA5A7FCE15D1DDCB9EAEAEA377667B8",
            null,
            "sha1:86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"),
        Arguments.of(
            "sha256",
            "CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB",
            null,
            "sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
        Arguments.of(
            "pdq",
            "F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22",
            null,
            "pdq:f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"),
        Arguments.of("photodna", PHOTODNA_HEX.toUpperCase(), null, "photodna:" + PHOTODNA_HEX),
        Arguments.of(
            "photodna", Base64.getEncoder().encodeToString(pdna), null, "photodna:" + PHOTODNA_HEX),
        Arguments.of(
            "photodna",
            Base64.getUrlEncoder().encodeToString(pdna),
            null,
            "photodna:" + PHOTODNA_HEX),
        Arguments.of("photodna", decimals.toString(), null, "photodna:" + PHOTODNA_HEX),
        // email
        Arguments.of("email", "  John.Doe@Example.COM ", null, "email:john.doe@example.com"),
        Arguments.of("email", "mailto:a+tag@b.example", null, "email:a+tag@b.example"),
        Arguments.of("email", "user@Bücher.example", null, "email:user@xn--bcher-kva.example"),
        Arguments.of("email", "j.o.h.n@gmail.com", null, "email:j.o.h.n@gmail.com"),
        // phone
        Arguments.of("phone", "+31 6 12345678", null, "phone:+31612345678"),
        Arguments.of("phone", "0031 6 12345678", null, "phone:+31612345678"),
        Arguments.of("phone", "06-12345678", "NL", "phone:+31612345678"),
        Arguments.of("phone", "030 123 4567", "de", "phone:+49301234567"),
        Arguments.of("phone", "tel:+44-20-7946-0958", null, "phone:+442079460958"),
        Arguments.of("phone", "+1 (202) 555-0143", "NL", "phone:+12025550143"),
        // wallets, checksum verified
        Arguments.of(
            "wallet:btc",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            null,
            "wallet:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        Arguments.of(
            "wallet:bitcoin",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            null,
            "wallet:btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        Arguments.of(
            "wallet:BTC",
            "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
            null,
            "wallet:btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
        Arguments.of(
            "wallet:btc",
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            null,
            "wallet:btc:bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"),
        Arguments.of(
            "wallet:eth",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            null,
            "wallet:eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        Arguments.of(
            "wallet:eth",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            null,
            "wallet:eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
        Arguments.of(
            "wallet:eth",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            null,
            "wallet:eth:0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"),
        Arguments.of(
            "wallet:eth",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            null,
            "wallet:eth:0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb"),
        Arguments.of(
            "wallet:ethereum",
            "52908400098527886E0F7030069857D2E4169EE7",
            null,
            "wallet:eth:0x52908400098527886e0f7030069857d2e4169ee7"),
        Arguments.of(
            "wallet:trx",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
            null,
            "wallet:trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        Arguments.of(
            "wallet:tron",
            "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
            null,
            "wallet:trx:TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"),
        Arguments.of(
            "wallet:xmr",
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
            null,
            "wallet:xmr:44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"),
        // usernames, case rule per platform
        Arguments.of(
            "username:telegram", "@Durov_Channel", null, "username:telegram:durov_channel"),
        Arguments.of("username:twitter", "@Jack", null, "username:x:jack"),
        Arguments.of("username:reddit", "/u/Some-User", null, "username:reddit:some-user"),
        Arguments.of("username:facebook", "John.Smith.1", null, "username:facebook:johnsmith1"),
        Arguments.of("username:threema", "abcd1234", null, "username:threema:ABCD1234"),
        Arguments.of("username:GitHub", "Octo-Cat", null, "username:github:octo-cat"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("accepted")
  void canonicalises(String type, String value, String region, String key) {
    CanonicalIndicator c = Canonicalizer.canonicalize(type, value, region);
    assertThat(c.key()).isEqualTo(key);
    assertThat(c.key()).endsWith(":" + c.value());
    String qualified =
        type.contains(":") ? c.key().substring(0, c.key().lastIndexOf(":" + c.value())) : type;
    assertThat(Canonicalizer.canonicalize(qualified, c.value(), null).key()).isEqualTo(key);
  }

  /** type, value, region, field, words the reason contains. */
  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("domain", "co.uk", null, "indicator.value", "public suffix"),
        Arguments.of("domain", "localhost", null, "indicator.value", "single label"),
        Arguments.of("domain", "1.2.3.4", null, "indicator.value", "use the type ip"),
        Arguments.of("domain", "http://example.com/", null, "indicator.value", "use the type url"),
        Arguments.of("domain", "exa mple.com", null, "indicator.value", "' '"),
        Arguments.of("host", "example.com:8080", null, "indicator.value", "port"),
        Arguments.of("host", "a".repeat(64) + ".com", null, "indicator.value", "longer than 63"),
        Arguments.of("ip", "256.1.1.1", null, "indicator.value", "not an IPv4 or IPv6"),
        Arguments.of("ip", "10.0.0.0/8", null, "indicator.value", "network range"),
        Arguments.of("ip", "fe80::1%eth0", null, "indicator.value", "not an IPv4 or IPv6"),
        Arguments.of(
            "md5", "0cc175b9c0f1b6a831c399e26977266", null, "indicator.value", "exactly 32"),
        Arguments.of(
            "md5",
            "0cc175b9c0f1b6a831c399e26977266g",
            null,
            "indicator.value",
            "'g' at position 32"),
        Arguments.of(
            "sha1",
            "86f7e437faa5a7fce15d1ddcb9eaeaea377667b",
            null,
            "indicator.value",
            "exactly 40"),
        Arguments.of("sha256", "ca97", null, "indicator.value", "exactly 64"),
        Arguments.of("pdq", "f8f8", null, "indicator.value", "exactly 64"),
        Arguments.of("photodna", "abcd", null, "indicator.value", "PhotoDNA"),
        Arguments.of("photodna", "1,2,3", null, "indicator.value", "144"),
        Arguments.of("photodna", "ab".repeat(143), null, "indicator.value", "143 bytes"),
        Arguments.of("email", "no-at-sign", null, "indicator.value", "no '@'"),
        Arguments.of("email", "a..b@example.com", null, "indicator.value", "two dots"),
        Arguments.of("email", "a b@example.com", null, "indicator.value", "' '"),
        Arguments.of("email", "a@localhost", null, "indicator.value", "no dot"),
        Arguments.of("email", "\"quoted\"@example.com", null, "indicator.value", "quoted"),
        Arguments.of("phone", "06-12345678", null, "indicator.value", "international form"),
        Arguments.of(
            "phone", "+31 6 1234", null, "indicator.value", "not a valid phone number for +31"),
        Arguments.of("phone", "hello", "NL", "indicator.value", "not a phone number"),
        Arguments.of("phone", "06-12345678", "XX", "defaultRegion", "numbering plan"),
        Arguments.of(
            "wallet:btc",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
            null,
            "indicator.value",
            "checksum does not match"),
        Arguments.of(
            "wallet:btc",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0",
            null,
            "indicator.value",
            "not a base58"),
        Arguments.of(
            "wallet:btc",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz",
            null,
            "indicator.value",
            "bech32 checksum"),
        Arguments.of(
            "wallet:btc",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mDQ",
            null,
            "indicator.value",
            "mixed"),
        Arguments.of(
            "wallet:btc", "mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", null, "indicator.value", "mainnet"),
        Arguments.of(
            "wallet:ltc",
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            null,
            "indicator.value",
            "mainnet litecoin"),
        Arguments.of(
            "wallet:eth",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
            null,
            "indicator.value",
            "EIP-55"),
        Arguments.of(
            "wallet:eth",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
            null,
            "indicator.value",
            "exactly 40"),
        Arguments.of(
            "wallet:trx",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",
            null,
            "indicator.value",
            "checksum"),
        Arguments.of(
            "wallet:xmr",
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3B",
            null,
            "indicator.value",
            "checksum"),
        Arguments.of("wallet:xmr", "44AFFq5kSiG", null, "indicator.value", "95"),
        Arguments.of("wallet:doge2", "x", null, "indicator.chain", "not a supported chain"),
        Arguments.of("wallet", "x", null, "indicator.chain", "required"),
        Arguments.of(
            "username:myspace", "x", null, "indicator.platform", "not a supported platform"),
        Arguments.of("username", "x", null, "indicator.platform", "required"),
        Arguments.of("username:telegram", "abc", null, "indicator.value", "5-32"),
        Arguments.of("username:x", "has space", null, "indicator.value", "1-15"),
        Arguments.of("username:threema", "ABCD12345", null, "indicator.value", "8-character"),
        Arguments.of("cookie", "x", null, "indicator.type", "not an indicator type"),
        Arguments.of("md5:x", "x", null, "indicator.type", "qualifier"),
        Arguments.of("url", "   ", null, "indicator.value", "is empty"),
        Arguments.of(
            "url", "http://a/" + "x".repeat(5000), null, "indicator.value", "longer than 4096"),
        Arguments.of("url", "http://a/\uD800", null, "indicator.value", "unpaired surrogate"));
  }

  @ParameterizedTest(name = "{0} {1}: {3} {4}")
  @MethodSource("rejected")
  void rejectsNamingFieldAndReason(
      String type, String value, String region, String field, String words) {
    assertThatThrownBy(() -> Canonicalizer.canonicalize(type, value, region))
        .isInstanceOfSatisfying(
            InvalidIndicatorException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).contains(words).doesNotContain("\n").doesNotContain("\t");
              assertThat(e.getMessage()).isEqualTo(field + ": " + e.reason());
            });
  }

  @Test
  void flagsEmptyFileHashes() {
    assertThat(Canonicalizer.canonicalize("md5", "D41D8CD98F00B204E9800998ECF8427E", null).flags())
        .containsExactly(IndicatorFlag.EMPTY_FILE_HASH);
    assertThat(
            Canonicalizer.canonicalize("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709", null)
                .flags())
        .containsExactly(IndicatorFlag.EMPTY_FILE_HASH);
    assertThat(
            Canonicalizer.canonicalize(
                    "sha256",
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                    null)
                .flags())
        .containsExactly(IndicatorFlag.EMPTY_FILE_HASH);
    assertThat(Canonicalizer.canonicalize("md5", "0cc175b9c0f1b6a831c399e269772661", null).flags())
        .isEmpty();
  }

  @Test
  void checksDigestsOfTheEmptyFile() throws Exception {
    for (var e : Hashes.EMPTY_FILE.entrySet()) {
      String algo =
          switch (e.getKey()) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            default -> "SHA-256";
          };
      assertThat(Hashes.toHex(java.security.MessageDigest.getInstance(algo).digest(new byte[0])))
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void pdqQualityIsCheckedAndCarriedBeside() {
    String hash = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
    CanonicalIndicator good =
        Canonicalizer.canonicalize(new Indicator(IndicatorType.PDQ, hash, null, 90), null);
    assertThat(good.key()).isEqualTo("pdq:" + hash);
    assertThat(good.flags()).isEmpty();
    assertThat(
            Canonicalizer.canonicalize(new Indicator(IndicatorType.PDQ, hash, null, 20), null)
                .flags())
        .containsExactly(IndicatorFlag.LOW_QUALITY);
    assertThatThrownBy(
            () ->
                Canonicalizer.canonicalize(new Indicator(IndicatorType.PDQ, hash, null, 101), null))
        .hasMessage("indicator.quality: must be between 0 and 100, was 101");
    assertThatThrownBy(
            () ->
                Canonicalizer.canonicalize(
                    new Indicator(IndicatorType.MD5, "0cc175b9c0f1b6a831c399e269772661", null, 50),
                    null))
        .hasMessageStartingWith("indicator.quality: applies to pdq hashes only");
  }

  @Test
  void walletFlagsSayWhatWasVerified() {
    assertThat(
            Canonicalizer.canonicalize(
                    "wallet:eth", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", null)
                .flags())
        .containsExactly(IndicatorFlag.CHECKSUM_VERIFIED);
    assertThat(
            Canonicalizer.canonicalize(
                    "wallet:eth", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", null)
                .flags())
        .containsExactly(IndicatorFlag.FORMAT_ONLY);
    assertThat(
            Canonicalizer.canonicalize("wallet:btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", null)
                .flags())
        .containsExactly(IndicatorFlag.CHECKSUM_VERIFIED);
  }

  @Test
  void domainAndHostDeriveEachOther() {
    assertThat(Canonicalizer.canonicalize("domain", "www.example.co.uk", null).derivedKeys())
        .containsExactly("host:www.example.co.uk");
    assertThat(Canonicalizer.canonicalize("host", "www.example.co.uk", null).derivedKeys())
        .containsExactly("domain:example.co.uk");
    assertThat(Canonicalizer.canonicalize("host", "10.1.2.3", null).derivedKeys())
        .containsExactly("ip:10.1.2.3");
    assertThat(Canonicalizer.canonicalize("email", "a@gmail.com", null).derivedKeys()).isEmpty();
  }

  @Test
  void keccak256MatchesPublishedVectors() {
    assertThat(Hashes.toHex(Keccak256.hash(new byte[0])))
        .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assertThat(Hashes.toHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    // Longer than one 136-byte block.
    assertThat(Keccak256.hash(new byte[200])).hasSize(32);
  }

  @Test
  void indicatorKeysDelegates() {
    Indicator phone = new Indicator(IndicatorType.PHONE, "06 12345678", null, null);
    assertThat(IndicatorKeys.key(phone, "NL")).isEqualTo("phone:+31612345678");
    assertThatThrownBy(() -> IndicatorKeys.key(phone))
        .isInstanceOf(InvalidIndicatorException.class);
    assertThat(
            IndicatorKeys.key(
                new Indicator(
                    IndicatorType.WALLET, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "Bitcoin", null)))
        .isEqualTo("wallet:btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }
}
