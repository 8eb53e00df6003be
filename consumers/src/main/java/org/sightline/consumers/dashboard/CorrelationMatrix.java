package org.sightline.consumers.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How often each pair of countries was matched on the same indicator: every cross-border match the
 * secretariat was told of counts once for each pair of countries it names. Symmetric; the diagonal
 * stays 0.
 */
public final class CorrelationMatrix {

  /** The answer: {@code counts[i][j]} for {@code countries[i]} and {@code countries[j]}. */
  public record View(List<String> countries, long[][] counts) {}

  private final Map<String, Map<String, Long>> pairs = new TreeMap<>();

  public synchronized void match(List<String> countries) {
    List<String> distinct = new ArrayList<>(new TreeSet<>(countries));
    for (int i = 0; i < distinct.size(); i++) {
      for (int j = i + 1; j < distinct.size(); j++) {
        add(distinct.get(i), distinct.get(j));
        add(distinct.get(j), distinct.get(i));
      }
    }
  }

  private void add(String a, String b) {
    pairs.computeIfAbsent(a, k -> new TreeMap<>()).merge(b, 1L, Long::sum);
  }

  public synchronized View view() {
    List<String> countries = new ArrayList<>(pairs.keySet());
    long[][] counts = new long[countries.size()][countries.size()];
    for (int i = 0; i < countries.size(); i++) {
      Map<String, Long> row = pairs.get(countries.get(i));
      for (int j = 0; j < countries.size(); j++) {
        counts[i][j] = row.getOrDefault(countries.get(j), 0L);
      }
    }
    return new View(List.copyOf(countries), counts);
  }
}
