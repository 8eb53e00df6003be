package org.sightline.bench;

/** A few realistic, valid values per type (the benchmark measures the accepting path). */
final class Samples {

  private Samples() {}

  static String[] of(String type) {
    return switch (type) {
      case "url" ->
          new String[] {
            "HTTP://Example.COM:80/a/./b/../c#x",
            "http://www.google.com/blah/..",
            "http://3279880203/blah",
            "https://sub.example.co.uk/path/to/page.html?q=1&r=2",
            "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/",
            "http://bücher.example/katalog"
          };
      case "domain" ->
          new String[] {"www.example.co.uk", "Example.COM", "münchen.de", "a.b.blogspot.com"};
      case "host" -> new String[] {"www.example.co.uk", "0x7f.1", "mail.example.org"};
      case "ip" -> new String[] {"192.168.0.1", "0xC0A80001", "2001:DB8:0:0:0:0:0:1", "010.0.0.1"};
      case "md5" ->
          new String[] {"D41D8CD98F00B204E9800998ECF8427E", "0cc175b9c0f1b6a831c399e269772661"};
      case "sha1" -> new String[] {"da39a3ee5e6b4b0d3255bfef95601890afd80709"};
      case "sha256" ->
          new String[] {"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"};
      case "pdq" ->
          new String[] {"f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"};
      case "photodna" -> new String[] {"00".repeat(100) + "ab".repeat(44), "A".repeat(192)};
      case "email" -> new String[] {" John.Doe@Example.COM ", "user@bücher.example"};
      case "phone" -> new String[] {"+31 6 12345678", "06-12345678", "+44 20 7946 0958"};
      case "wallet:btc" ->
          new String[] {
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"
          };
      case "wallet:eth" ->
          new String[] {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"
          };
      case "wallet:xmr" ->
          new String[] {
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"
          };
      case "username:telegram" -> new String[] {"@Durov", "some_user_42"};
      default -> throw new IllegalArgumentException(type);
    };
  }
}
