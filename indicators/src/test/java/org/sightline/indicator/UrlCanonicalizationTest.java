package org.sightline.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UrlCanonicalizationTest {

  /** The examples published with the Google Safe Browsing canonicalisation rules. */
  static Stream<Arguments> safeBrowsing() {
    return Stream.of(
        Arguments.of("http://host/%25%32%35", "http://host/%25"),
        Arguments.of("http://host/%25%32%35%25%32%35", "http://host/%25%25"),
        Arguments.of("http://host/%2525252525252525", "http://host/%25"),
        Arguments.of("http://host/asdf%25%32%35asd", "http://host/asdf%25asd"),
        Arguments.of("http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"),
        Arguments.of("http://www.google.com/", "http://www.google.com/"),
        Arguments.of(
            "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
            "http://168.188.99.26/.secure/www.ebay.com/"),
        Arguments.of(
            "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
            "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/"),
        Arguments.of(
            "http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
            "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"),
        Arguments.of("http://3279880203/blah", "http://195.127.0.11/blah"),
        Arguments.of("http://www.google.com/blah/..", "http://www.google.com/"),
        Arguments.of("www.google.com/", "http://www.google.com/"),
        Arguments.of("www.google.com", "http://www.google.com/"),
        Arguments.of("http://www.evil.com/blah#frag", "http://www.evil.com/blah"),
        Arguments.of("http://www.GOOgle.com/", "http://www.google.com/"),
        Arguments.of("http://www.google.com.../", "http://www.google.com/"),
        Arguments.of("http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"),
        Arguments.of("http://www.google.com/q?", "http://www.google.com/q?"),
        Arguments.of("http://www.google.com/q?r?", "http://www.google.com/q?r?"),
        Arguments.of("http://www.google.com/q?r?s", "http://www.google.com/q?r?s"),
        Arguments.of("http://evil.com/foo#bar#baz", "http://evil.com/foo"),
        Arguments.of("http://evil.com/foo;", "http://evil.com/foo;"),
        Arguments.of("http://evil.com/foo?bar;", "http://evil.com/foo?bar;"),
        // Published as the byte string "\x01\x80"; a Java string carries the 0x80 byte escaped.
        Arguments.of("http://\u0001%80.com/", "http://%01%80.com/"),
        // Deviation: the char U+0080 (the UTF-8 bytes C2 80) is a control character that UTS #46
        // disallows in a host name; Safe Browsing escapes it ("http://%01%C2%80.com/"), this
        // canonicaliser refuses it (see rejected()).
        Arguments.of("http://notrailingslash.com", "http://notrailingslash.com/"),
        // Deviation: Safe Browsing drops every port; a non-default port is kept here.
        Arguments.of("http://www.gotaport.com:1234/", "http://www.gotaport.com:1234/"),
        Arguments.of("  http://www.google.com/  ", "http://www.google.com/"),
        Arguments.of("http:// leadingspace.com/", "http://%20leadingspace.com/"),
        Arguments.of("http://%20leadingspace.com/", "http://%20leadingspace.com/"),
        Arguments.of("%20leadingspace.com/", "http://%20leadingspace.com/"),
        Arguments.of("https://www.securesite.com/", "https://www.securesite.com/"),
        Arguments.of("http://host.com/ab%23cd", "http://host.com/ab%23cd"),
        Arguments.of(
            "http://host.com//twoslashes?more//slashes",
            "http://host.com/twoslashes?more//slashes"));
  }

  /** The rules of the issue, one by one. */
  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("HTTP://Example.COM:80/a/./b/../c#x", "http://example.com/a/c"),
        Arguments.of("http://example.com/a/c", "http://example.com/a/c"),
        Arguments.of("https://example.com:443/", "https://example.com/"),
        Arguments.of("https://example.com:80/", "https://example.com:80/"),
        Arguments.of("http://example.com:0080/", "http://example.com/"),
        Arguments.of("http://example.com:/", "http://example.com/"),
        Arguments.of("ftp://files.example.com:21/x", "ftp://files.example.com/x"),
        // IPv4 forms
        Arguments.of("http://0x7f.1/", "http://127.0.0.1/"),
        Arguments.of("http://0xC0A80001/", "http://192.168.0.1/"),
        Arguments.of("http://0300.0250.0.1/", "http://192.168.0.1/"),
        Arguments.of("http://192.168.1/", "http://192.168.0.1/"),
        Arguments.of("http://127.1/", "http://127.0.0.1/"),
        Arguments.of("http://0x7F.0.0.1/", "http://127.0.0.1/"),
        Arguments.of("http://1.2.3.4.5/", "http://1.2.3.4.5/"),
        Arguments.of("http://256.1.1.1/", "http://256.1.1.1/"),
        // IPv6
        Arguments.of("http://[2001:DB8:0:0:0:0:0:1]:8080/x", "http://[2001:db8::1]:8080/x"),
        Arguments.of("http://[::ffff:192.168.0.1]/", "http://192.168.0.1/"),
        // IDN
        Arguments.of("http://Bücher.example/", "http://xn--bcher-kva.example/"),
        Arguments.of("http://b%C3%BCcher.example/", "http://xn--bcher-kva.example/"),
        Arguments.of("http://例え。テスト/", "http://xn--r8jz45g.xn--zckzah/"),
        // hosts and paths
        Arguments.of("http://..www..example..com../", "http://www.example.com/"),
        Arguments.of("http://example.com/a/../../../b", "http://example.com/b"),
        Arguments.of("http://example.com/a/b/.", "http://example.com/a/b/"),
        Arguments.of("http://example.com/a//b///c/", "http://example.com/a/b/c/"),
        Arguments.of("http://example.com/%7Euser/", "http://example.com/~user/"),
        Arguments.of("http://example.com/a b", "http://example.com/a%20b"),
        Arguments.of("http://example.com/é", "http://example.com/%C3%A9"),
        Arguments.of("http://example.com/?q=a b&x=%2F", "http://example.com/?q=a%20b&x=/"),
        Arguments.of("http://user:pass@example.com/", "http://example.com/"),
        Arguments.of("http://www.paypal.com@evil.example/", "http://evil.example/"),
        Arguments.of("http%3A%2F%2Fexample.com%2Fa", "http://example.com/a"),
        Arguments.of("example.com:8080/x", "http://example.com:8080/x"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource({"safeBrowsing", "rules"})
  void canonicalises(String input, String expected) {
    CanonicalIndicator c = Canonicalizer.canonicalize("url", input, null);
    assertThat(c.value()).isEqualTo(expected);
    assertThat(c.key()).isEqualTo("url:" + expected);
    assertThat(Canonicalizer.canonicalize("url", c.value(), null).key()).isEqualTo(c.key());
  }

  static Stream<Arguments> derived() {
    return Stream.of(
        Arguments.of(
            "http://www.example.co.uk/a",
            new String[] {"domain:example.co.uk", "host:www.example.co.uk"}),
        Arguments.of(
            "http://evil.blogspot.com/",
            new String[] {"domain:evil.blogspot.com", "host:evil.blogspot.com"}),
        Arguments.of("http://0x7f.1/", new String[] {"ip:127.0.0.1", "host:127.0.0.1"}),
        Arguments.of("http://[2001:db8::1]/", new String[] {"ip:2001:db8::1", "host:2001:db8::1"}),
        Arguments.of("http://localhost/", new String[] {"host:localhost"}),
        Arguments.of(
            "http://abcdefghijklmnop.onion/",
            new String[] {"domain:abcdefghijklmnop.onion", "host:abcdefghijklmnop.onion"}),
        // RFC 2606 names act as suffixes: demos and tests can never name a real site.
        Arguments.of(
            "http://www.shop.example/a",
            new String[] {"domain:shop.example", "host:www.shop.example"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("derived")
  void derivesDomainHostAndIpKeys(String input, String[] keys) {
    assertThat(Canonicalizer.canonicalize("url", input, null).derivedKeys()).containsExactly(keys);
  }

  @Test
  void flagsAHostWithoutRegistrableDomain() {
    assertThat(Canonicalizer.canonicalize("url", "http://localhost/", null).flags())
        .contains(IndicatorFlag.UNKNOWN_PUBLIC_SUFFIX);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("http:///path", "has no host name"),
        Arguments.of("http://.../", "has no host name"),
        Arguments.of("http://example.com:99999/", "above 65535"),
        Arguments.of("http://example.com:8o/", "is not a number"),
        Arguments.of("gopher://example.com/", "scheme 'gopher'"),
        Arguments.of("hxxp://example.com/", "defanged"),
        Arguments.of("http://[2001:db8::zz]/", "not a valid IPv6"),
        Arguments.of("http://[::1/", "closing ']'"),
        Arguments.of("#only-a-fragment", "is empty"),
        Arguments.of("http://\u0001\u0080.com/", "U+0080"),
        // A bidirectional override makes a name read otherwise than it is: refused, named.
        Arguments.of("http://exa\u202emple.com/", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        Arguments.of("http://pay\u200fpal.com/", "U+200F"));
  }

  /**
   * A letter newer than Unicode 3.2 (the Cyrillic palochka, U+04CF, is from 5.0): its Unicode
   * spelling and its punycode are one key (java.net.IDN, IDNA 2003, left it escaped).
   */
  @Test
  void aHostWithALetterNewerThanUnicode32HasOneKeyForBothSpellings() {
    String unicode =
        Canonicalizer.canonicalize("url", "http://\u04cf\u0430\u0431.example/", null).key();
    assertThat(unicode).startsWith("url:http://xn--").doesNotContain("%");
    String punycode = unicode.substring("url:".length());
    assertThat(Canonicalizer.canonicalize("url", punycode, null).key()).isEqualTo(unicode);
    assertThat(Canonicalizer.canonicalize("domain", "\u04cf\u0430\u0431.example", null).key())
        .isEqualTo("domain:" + punycode.substring("http://".length(), punycode.length() - 1));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rejected")
  void rejectsWithAReason(String input, String reason) {
    assertThatThrownBy(() -> Canonicalizer.canonicalize("url", input, null))
        .isInstanceOfSatisfying(
            InvalidIndicatorException.class,
            e -> {
              assertThat(e.field()).isEqualTo("indicator.value");
              assertThat(e.reason()).contains(reason).doesNotContain("\n");
            });
  }
}
