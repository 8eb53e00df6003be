package org.sightline.intake;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants as agencies' systems write them, {@code 2026-11-20T10:15:00Z} with up to nine
 * fraction digits, read without java.time's general parser (which was a tenth of the batch
 * endpoint's time); anything else goes to {@link Instant#parse}, which decides.
 */
final class Instants {

  private Instants() {}

  static Instant parse(String s) {
    int n = s.length();
    if (n >= 20 && n <= 30 && s.charAt(n - 1) == 'Z' && shape(s)) {
      try {
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        if (n > 20) {
          if (s.charAt(19) != '.' || n == 21) {
            return Instant.parse(s);
          }
          int fraction = n - 21;
          for (int i = 20; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
              return Instant.parse(s);
            }
            nanos = nanos * 10 + (c - '0');
          }
          for (int i = fraction; i < 9; i++) {
            nanos *= 10;
          }
        }
        if (hour > 23 || minute > 59 || second > 59) {
          return Instant.parse(s);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
      } catch (DateTimeException | NumberFormatException e) {
        return Instant.parse(s);
      }
    }
    return Instant.parse(s);
  }

  private static boolean shape(String s) {
    return s.charAt(4) == '-'
        && s.charAt(7) == '-'
        && s.charAt(10) == 'T'
        && s.charAt(13) == ':'
        && s.charAt(16) == ':';
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException();
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
