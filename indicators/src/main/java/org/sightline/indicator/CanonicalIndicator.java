package org.sightline.indicator;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sightline.schema.IndicatorType;

/**
 * An indicator in canonical form.
 *
 * @param key the correlation key, e.g. {@code url:http://example.com/a/c}
 * @param type the indicator type
 * @param value the canonical value, without the type prefix (and without the chain or platform)
 * @param derivedKeys further keys the indicator implies (for a URL: {@code host:}, {@code domain:}
 *     and {@code ip:}), in a stable order; never contains {@code key}
 * @param flags facts about the value, see {@link IndicatorFlag}
 */
public record CanonicalIndicator(
    String key,
    IndicatorType type,
    String value,
    List<String> derivedKeys,
    Set<IndicatorFlag> flags) {

  public CanonicalIndicator {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    derivedKeys = List.copyOf(derivedKeys);
    flags = Set.copyOf(flags);
  }

  /**
   * Where the indicator lives in the processor: its registrable domain for a URL, a host or a
   * domain (so a URL and its domain are correlated by one task), its own key otherwise. Agencies
   * key their intake records by it; see {@link Localities}.
   */
  public String localityKey() {
    for (String derived : derivedKeys) {
      if (derived.startsWith(Localities.DOMAIN_PREFIX)) {
        return derived;
      }
    }
    return key;
  }

  public boolean has(IndicatorFlag flag) {
    return flags.contains(flag);
  }
}
