package org.sightline.indicator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sightline.schema.IndicatorType;

/**
 * Cryptocurrency addresses, mainnet only. Every chain here is verified by checksum: Bitcoin,
 * Litecoin and Dogecoin (base58check, bech32/bech32m for segwit), Ethereum (EIP-55 when the address
 * is mixed case; an all-lower or all-upper address carries no checksum and is flagged FORMAT_ONLY),
 * Tron (base58check, version 0x41) and Monero (Monero base58 with a Keccak-256 checksum).
 */
final class Wallets {

  static final String CHAIN_FIELD = "indicator.chain";

  /** Accepted chain names, canonical first, with their aliases. */
  static final Map<String, String> CHAINS = new LinkedHashMap<>();

  static {
    for (String[] c :
        new String[][] {
          {"btc", "bitcoin", "xbt"},
          {"eth", "ethereum"},
          {"ltc", "litecoin"},
          {"doge", "dogecoin"},
          {"xmr", "monero"},
          {"trx", "tron"}
        }) {
      for (String name : c) {
        CHAINS.put(name, c[0]);
      }
    }
  }

  private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int[] B58_INDEX = new int[128];

  static {
    Arrays.fill(B58_INDEX, -1);
    for (int i = 0; i < B58.length(); i++) {
      B58_INDEX[B58.charAt(i)] = i;
    }
  }

  private Wallets() {}

  static String chain(String qualifier) {
    String c = qualifier == null ? "" : qualifier.strip().toLowerCase(Locale.ROOT);
    if (c.isEmpty()) {
      throw new InvalidIndicatorException(
          CHAIN_FIELD, "is required for a wallet: one of btc, eth, ltc, doge, xmr, trx");
    }
    String canonical = CHAINS.get(c);
    if (canonical == null) {
      throw new InvalidIndicatorException(
          CHAIN_FIELD,
          Text.quote(qualifier.strip())
              + " is not a supported chain: btc, eth, ltc, doge, xmr, trx");
    }
    return canonical;
  }

  static CanonicalIndicator canonicalize(String field, String chain, String value) {
    String v = Text.trim(value);
    if (v.length() > 120) {
      throw new InvalidIndicatorException(
          field, "is " + v.length() + " characters long, too long for a " + chain + " address");
    }
    Set<IndicatorFlag> flags = EnumSet.of(IndicatorFlag.CHECKSUM_VERIFIED);
    String address =
        switch (chain) {
          case "btc" -> utxo(field, v, "bitcoin", "bc", new int[] {0x00, 0x05}, "1 or 3", "bc1");
          case "ltc" ->
              utxo(field, v, "litecoin", "ltc", new int[] {0x30, 0x32, 0x05}, "L, M or 3", "ltc1");
          case "doge" -> utxo(field, v, "dogecoin", "", new int[] {0x1e, 0x16}, "D, A or 9", null);
          case "trx" -> tron(field, v);
          case "xmr" -> monero(field, v);
          case "eth" -> {
            String a = ethereum(field, v);
            if (a.startsWith("!")) {
              flags = EnumSet.of(IndicatorFlag.FORMAT_ONLY);
              a = a.substring(1);
            }
            yield a;
          }
          default -> throw new IllegalStateException(chain);
        };
    return new CanonicalIndicator(
        "wallet:" + chain + ":" + address, IndicatorType.WALLET, address, List.of(), flags);
  }

  // --- Bitcoin family ------------------------------------------------------------------------

  private static String utxo(
      String field, String v, String name, String hrp, int[] versions, String starts, String bech) {
    if (!hrp.isEmpty()
        && v.length() > hrp.length()
        && v.substring(0, hrp.length() + 1).equalsIgnoreCase(hrp + "1")) {
      return segwit(field, v, name, hrp);
    }
    byte[] payload = base58Check(field, v, name);
    if (payload.length != 21) {
      throw new InvalidIndicatorException(
          field,
          "is not a " + name + " address: it decodes to " + payload.length + " bytes, not 21");
    }
    int version = payload[0] & 0xff;
    for (int ok : versions) {
      if (version == ok) {
        return v;
      }
    }
    throw new InvalidIndicatorException(
        field,
        "is not a mainnet "
            + name
            + " address (version byte "
            + version
            + "; mainnet addresses start with "
            + starts
            + (bech == null ? "" : " or " + bech)
            + ")");
  }

  private static String segwit(String field, String v, String name, String hrp) {
    Bech32.Decoded d = Bech32.decode(field, v, name);
    if (!d.hrp().equals(hrp)) {
      throw new InvalidIndicatorException(
          field, "is not a " + name + " address: its prefix is " + Text.quote(d.hrp()));
    }
    int[] data = d.data();
    if (data.length < 1) {
      throw new InvalidIndicatorException(field, "is not a " + name + " address: it has no data");
    }
    int witnessVersion = data[0];
    if (witnessVersion > 16) {
      throw new InvalidIndicatorException(
          field, "is not a " + name + " address: witness version " + witnessVersion + " > 16");
    }
    byte[] program = Bech32.convertBits(field, Arrays.copyOfRange(data, 1, data.length), name);
    if (program.length < 2 || program.length > 40) {
      throw new InvalidIndicatorException(
          field,
          "is not a " + name + " address: its witness program has " + program.length + " bytes");
    }
    if (witnessVersion == 0 && program.length != 20 && program.length != 32) {
      throw new InvalidIndicatorException(
          field,
          "is not a "
              + name
              + " address: a version 0 program has 20 or 32 bytes, not "
              + program.length);
    }
    boolean wantM = witnessVersion != 0;
    if (d.bech32m() != wantM) {
      throw new InvalidIndicatorException(
          field,
          "has the wrong checksum variant: witness version "
              + witnessVersion
              + " uses "
              + (wantM ? "bech32m (BIP 350)" : "bech32 (BIP 173)"));
    }
    return v.toLowerCase(Locale.ROOT);
  }

  private static byte[] base58Check(String field, String v, String name) {
    byte[] raw = base58(field, v, name);
    if (raw.length < 5) {
      throw new InvalidIndicatorException(field, "is not a " + name + " address: it is too short");
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - 4);
    byte[] check = sha256(sha256(payload));
    for (int i = 0; i < 4; i++) {
      if (check[i] != raw[raw.length - 4 + i]) {
        throw new InvalidIndicatorException(
            field, "is not a valid " + name + " address: its checksum does not match (a typo?)");
      }
    }
    return payload;
  }

  static byte[] base58(String field, String v, String name) {
    if (v.isEmpty()) {
      throw new InvalidIndicatorException(field, "is empty");
    }
    BigInteger n = BigInteger.ZERO;
    BigInteger radix = BigInteger.valueOf(58);
    int zeros = 0;
    boolean leading = true;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      int d = c < 128 ? B58_INDEX[c] : -1;
      if (d < 0) {
        throw new InvalidIndicatorException(
            field,
            "is not a "
                + name
                + " address: "
                + Text.quote(String.valueOf(Character.toChars(v.codePointAt(i))))
                + " at position "
                + (i + 1)
                + " is not a base58 character (0, O, I and l are never used)");
      }
      if (leading && d == 0) {
        zeros++;
      } else {
        leading = false;
      }
      n = n.multiply(radix).add(BigInteger.valueOf(d));
    }
    byte[] bytes = n.signum() == 0 ? new byte[0] : n.toByteArray();
    int skip = bytes.length > 0 && bytes[0] == 0 ? 1 : 0;
    byte[] out = new byte[zeros + bytes.length - skip];
    System.arraycopy(bytes, skip, out, zeros, bytes.length - skip);
    return out;
  }

  // --- Tron ----------------------------------------------------------------------------------

  private static String tron(String field, String v) {
    byte[] payload = base58Check(field, v, "tron");
    if (payload.length != 21 || (payload[0] & 0xff) != 0x41) {
      throw new InvalidIndicatorException(
          field, "is not a tron address: a tron address is 21 bytes starting with 0x41 (T...)");
    }
    return v;
  }

  // --- Ethereum ------------------------------------------------------------------------------

  /** The lower-case address; prefixed with '!' when no checksum could be checked. */
  private static String ethereum(String field, String v) {
    String hex = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
    String digits = Hashes.requireHex(field, hex, 40, "an ethereum address (0x and 40 hex digits)");
    boolean hasLower = !hex.equals(hex.toUpperCase(Locale.ROOT));
    boolean hasUpper = !hex.equals(digits);
    if (!(hasLower && hasUpper)) {
      return "!0x" + digits;
    }
    String hash = Hashes.toHex(Keccak256.hash(digits.getBytes(StandardCharsets.US_ASCII)));
    for (int i = 0; i < 40; i++) {
      char c = hex.charAt(i);
      if (Character.isLetter(c)) {
        boolean upper = Character.digit(hash.charAt(i), 16) >= 8;
        if (upper != Character.isUpperCase(c)) {
          throw new InvalidIndicatorException(
              field,
              "is not a valid ethereum address: its mixed-case EIP-55 checksum does not match"
                  + " (a typo?)");
        }
      }
    }
    return "0x" + digits;
  }

  // --- Monero --------------------------------------------------------------------------------

  private static final int[] XMR_BLOCK = {0, 2, 3, 5, 6, 7, 9, 10, 11};

  private static String monero(String field, String v) {
    if (v.length() != 95 && v.length() != 106) {
      throw new InvalidIndicatorException(
          field,
          "is not a monero address: it has "
              + v.length()
              + " characters (95 for a standard or subaddress, 106 for an integrated one)");
    }
    int full = v.length() / 11;
    int rest = v.length() % 11;
    int restBytes = -1;
    for (int i = 0; i < XMR_BLOCK.length; i++) {
      if (XMR_BLOCK[i] == rest) {
        restBytes = i;
      }
    }
    byte[] out = new byte[full * 8 + restBytes];
    for (int b = 0; b <= full; b++) {
      int from = b * 11;
      int len = b < full ? 11 : rest;
      int bytes = b < full ? 8 : restBytes;
      if (len == 0) {
        continue;
      }
      byte[] block = base58(field, v.substring(from, from + len), "monero");
      // base58() keeps leading '1's as zero bytes; Monero blocks are fixed width instead
      BigInteger n = new BigInteger(1, block);
      byte[] be = n.toByteArray();
      int skip = be.length > 0 && be[0] == 0 ? 1 : 0;
      if (be.length - skip > bytes) {
        throw new InvalidIndicatorException(field, "is not a monero address: a block overflows");
      }
      System.arraycopy(be, skip, out, b * 8 + bytes - (be.length - skip), be.length - skip);
    }
    int prefix = out[0] & 0xff;
    if (prefix != 18 && prefix != 19 && prefix != 42) {
      throw new InvalidIndicatorException(
          field,
          "is not a mainnet monero address (network byte "
              + prefix
              + "; mainnet addresses start with 4 or 8)");
    }
    if ((prefix == 19) != (v.length() == 106)) {
      throw new InvalidIndicatorException(
          field, "is not a monero address: its length does not match its kind");
    }
    byte[] body = Arrays.copyOf(out, out.length - 4);
    byte[] check = Keccak256.hash(body);
    for (int i = 0; i < 4; i++) {
      if (check[i] != out[out.length - 4 + i]) {
        throw new InvalidIndicatorException(
            field, "is not a valid monero address: its checksum does not match (a typo?)");
      }
    }
    return v;
  }

  static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bech32 and bech32m (BIP 173, BIP 350). */
  static final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32M = 0x2bc830a3;

    record Decoded(String hrp, int[] data, boolean bech32m) {}

    private Bech32() {}

    static Decoded decode(String field, String s, String name) {
      if (s.length() > 90) {
        throw new InvalidIndicatorException(
            field, "is not a " + name + " address: a bech32 address has at most 90 characters");
      }
      boolean lower = false;
      boolean upper = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 33 || c > 126) {
          throw new InvalidIndicatorException(
              field, "is not a " + name + " address: it contains a character outside ASCII");
        }
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
      }
      if (lower && upper) {
        throw new InvalidIndicatorException(
            field,
            "is not a " + name + " address: bech32 is all lower or all upper case, not mixed");
      }
      String t = s.toLowerCase(Locale.ROOT);
      int sep = t.lastIndexOf('1');
      if (sep < 1 || sep + 7 > t.length()) {
        throw new InvalidIndicatorException(
            field, "is not a " + name + " address: the bech32 data part is missing or too short");
      }
      String hrp = t.substring(0, sep);
      int[] values = new int[t.length() - sep - 1];
      for (int i = 0; i < values.length; i++) {
        char c = t.charAt(sep + 1 + i);
        int d = CHARSET.indexOf(c);
        if (d < 0) {
          throw new InvalidIndicatorException(
              field,
              "is not a "
                  + name
                  + " address: "
                  + Text.quote(String.valueOf(c))
                  + " is not a bech32 character (1, b, i and o are never used)");
        }
        values[i] = d;
      }
      int check = polymod(hrp, values);
      if (check != 1 && check != BECH32M) {
        throw new InvalidIndicatorException(
            field,
            "is not a valid " + name + " address: its bech32 checksum does not match (a typo?)");
      }
      return new Decoded(hrp, Arrays.copyOf(values, values.length - 6), check == BECH32M);
    }

    private static int polymod(String hrp, int[] values) {
      int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
      int chk = 1;
      int[] prefix = new int[hrp.length() * 2 + 1];
      for (int i = 0; i < hrp.length(); i++) {
        prefix[i] = hrp.charAt(i) >> 5;
        prefix[i + hrp.length() + 1] = hrp.charAt(i) & 31;
      }
      for (int[] part : new int[][] {prefix, values}) {
        for (int v : part) {
          int b = chk >>> 25;
          chk = ((chk & 0x1ffffff) << 5) ^ v;
          for (int i = 0; i < 5; i++) {
            if (((b >> i) & 1) != 0) {
              chk ^= gen[i];
            }
          }
        }
      }
      return chk;
    }

    static byte[] convertBits(String field, int[] data, String name) {
      int acc = 0;
      int bits = 0;
      byte[] out = new byte[data.length * 5 / 8];
      int o = 0;
      for (int value : data) {
        acc = (acc << 5) | value;
        bits += 5;
        while (bits >= 8) {
          bits -= 8;
          out[o++] = (byte) ((acc >> bits) & 0xff);
        }
      }
      if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
        throw new InvalidIndicatorException(
            field, "is not a " + name + " address: its witness program has invalid padding");
      }
      return Arrays.copyOf(out, o);
    }
  }
}
