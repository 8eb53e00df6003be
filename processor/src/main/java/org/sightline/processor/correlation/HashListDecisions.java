package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Category;
import org.sightline.schema.HashDelisting;
import org.sightline.schema.IndicatorState;
import org.sightline.schema.IndicatorType;
import org.sightline.schema.KnownHash;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;

/**
 * The federation's known-hash list: a hash (MD5, SHA-1, SHA-256 or PDQ) is on it while sightings of
 * child sexual abuse material (CSAM or BASELINE_CSAM) from at least {@code minAgencies} agencies of
 * at least {@code minCountries} countries confirm it — each shareable beyond the federation (TLP
 * CLEAR or GREEN, no named recipients), since the list goes to platforms. It leaves by tombstone as
 * soon as that confirmation falls below the rule: a sighting retracted or erased, or recategorised,
 * or the secretariat takes it off ({@link #delist}: then only sightings observed after that count).
 * The entry names no agency, country, case or sighting.
 */
public final class HashListDecisions {

  /** The hashes the list carries; PhotoDNA's are licensed, and are not handed on. */
  public static final Set<IndicatorType> HASHES =
      Set.of(IndicatorType.MD5, IndicatorType.SHA1, IndicatorType.SHA256, IndicatorType.PDQ);

  /** A change of the list: an entry, or a tombstone ({@code entry == null}). */
  public record Change(String key, KnownHash entry) {}

  private final int minAgencies;
  private final int minCountries;

  public HashListDecisions(int minAgencies, int minCountries) {
    this.minAgencies = minAgencies;
    this.minCountries = minCountries;
  }

  /**
   * The secretariat's decision: the confirmations the hash had no longer count; {@link #decide}
   * then takes it off the list (when it is on it) and lists it again only on sightings observed
   * after {@code delisting}.
   */
  public void delist(IndicatorState state, HashDelisting delisting) {
    state.setHashDelistedAt(delisting.getRequestedAt());
  }

  /** Lists or takes off the hash as its confirmation now calls for; empty when nothing changes. */
  public Optional<Change> decide(IndicatorState state, Instant now) {
    if (!HASHES.contains(state.getType())) {
      return Optional.empty();
    }
    Set<String> agencies = new TreeSet<>();
    Set<String> countries = new TreeSet<>();
    boolean baseline = false;
    for (AgencyView view : state.getAgencies().values()) {
      for (SightingFacts f : Facts.of(view)) {
        if (confirms(f)
            && (state.getHashDelistedAt() == null
                || f.getObservedAt().isAfter(state.getHashDelistedAt()))) {
          agencies.add(view.getAgencyId());
          countries.add(view.getCountry());
          baseline |= f.getCategory() == Category.BASELINE_CSAM;
        }
      }
    }
    // An agency's false-positive mark counts against the hash: it does not go out while one stands.
    boolean qualifies =
        state.getFalsePositives().isEmpty()
            && agencies.size() >= minAgencies
            && countries.size() >= minCountries;
    boolean listed = state.getHashListedAt() != null;
    if (qualifies && !listed) {
      state.setHashListedAt(now);
      return Optional.of(new Change(state.getIndicator(), entry(state, baseline)));
    }
    if (!qualifies && listed) {
      state.setHashListedAt(null);
      return Optional.of(new Change(state.getIndicator(), null));
    }
    return Optional.empty();
  }

  private static boolean confirms(SightingFacts f) {
    return (f.getCategory() == Category.CSAM || f.getCategory() == Category.BASELINE_CSAM)
        && (f.getTlp() == Tlp.CLEAR || f.getTlp() == Tlp.GREEN)
        && f.getShareWith().isEmpty();
  }

  private static KnownHash entry(IndicatorState state, boolean baseline) {
    String key = state.getIndicator();
    return KnownHash.newBuilder()
        .setKey(key)
        .setType(state.getType())
        .setValue(key.substring(key.indexOf(':') + 1))
        .setCategory(baseline ? Category.BASELINE_CSAM : Category.CSAM)
        .setListedAt(state.getHashListedAt())
        .build();
  }
}
