package org.sightline.processor.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sightline.schema.AgencyView;
import org.sightline.schema.Category;
import org.sightline.schema.Identification;
import org.sightline.schema.LinkView;
import org.sightline.schema.Sighting;
import org.sightline.schema.SightingFacts;
import org.sightline.schema.Tlp;

/**
 * What each sighting contributed to an indicator's state ({@link SightingFacts}), kept per agency
 * view and per link: disclosure is decided per sighting, and a retraction takes back exactly what
 * its sighting brought. An agency's facts are kept apart up to a bound; beyond it the oldest are
 * folded into one entry, {@value #FOLDED}, that keeps the most restrictive sharing of what it
 * holds.
 */
public final class Facts {

  /** The key of the fold of an agency's oldest sightings on one indicator. */
  public static final String FOLDED = "(older)";

  private Facts() {}

  /** A sighting's facts as it arrives. */
  public static SightingFacts of(Sighting s) {
    return SightingFacts.newBuilder()
        .setId(s.getId())
        .setObservedAt(s.getObservedAt())
        .setTlp(s.getTlp())
        .setShareWith(new ArrayList<>(new TreeSet<>(s.getShareWith())))
        .setCategory(s.getCategory())
        .setConfidence(s.getConfidence())
        .setCaseRef(s.getCaseRef())
        .setHostingCountries(
            s.getHostingCountry() == null
                ? new ArrayList<>()
                : new ArrayList<>(List.of(s.getHostingCountry())))
        .setIdentification(s.getIdentification())
        .setCount(1)
        .build();
  }

  /**
   * An agency view's facts. A view written before facts were kept stands as one fold of its own
   * fields: disclosed as its newest sighting's TLP said, as it was then.
   */
  public static List<SightingFacts> of(AgencyView view) {
    if (!view.getSightings().isEmpty()) {
      return List.copyOf(view.getSightings().values());
    }
    return List.of(
        SightingFacts.newBuilder()
            .setId(FOLDED)
            .setObservedAt(view.getLastSeen())
            .setTlp(view.getTlp())
            .setCategory(view.getCategory())
            .setConfidence(view.getConfidence())
            .setCaseRef(view.getCaseRef())
            .setCount((int) Math.max(1, Math.min(Integer.MAX_VALUE, view.getCount())))
            .build());
  }

  /** A link's facts; a link written before facts were kept stands as one fold under its TLP. */
  public static List<SightingFacts> of(LinkView link) {
    if (!link.getSightings().isEmpty()) {
      return List.copyOf(link.getSightings().values());
    }
    return List.of(
        SightingFacts.newBuilder()
            .setId(FOLDED)
            .setObservedAt(link.getFirstSeen())
            .setTlp(link.getTlp())
            .setCategory(Category.UNKNOWN)
            .setCount(Math.max(1, link.getSightingIds().size()))
            .build());
  }

  /**
   * Adds a sighting's facts to {@code facts} (a copy is returned: deserialised Avro maps are not
   * always mutable), folding the oldest into {@value #FOLDED} beyond {@code max} entries.
   */
  static Map<String, SightingFacts> add(
      Map<String, SightingFacts> facts, SightingFacts added, int max) {
    Map<String, SightingFacts> copy = new HashMap<>(facts);
    copy.put(added.getId(), added);
    List<SightingFacts> apart =
        copy.values().stream()
            .filter(f -> !FOLDED.equals(f.getId()))
            .sorted(
                Comparator.comparing(SightingFacts::getObservedAt)
                    .thenComparing(SightingFacts::getId))
            .toList();
    for (int i = 0; i < apart.size() - Math.max(1, max); i++) {
      SightingFacts oldest = apart.get(i);
      copy.remove(oldest.getId());
      SightingFacts fold = copy.get(FOLDED);
      copy.put(FOLDED, fold == null ? renamed(oldest) : fold(fold, oldest));
    }
    return copy;
  }

  private static SightingFacts renamed(SightingFacts f) {
    SightingFacts copy = SightingFacts.newBuilder(f).build();
    copy.setId(FOLDED);
    copy.setCaseRef(null);
    return copy;
  }

  /** One entry for both: the most restrictive sharing, everything they contributed. */
  static SightingFacts fold(SightingFacts a, SightingFacts b) {
    Tlp tlp = a.getTlp().compareTo(b.getTlp()) >= 0 ? a.getTlp() : b.getTlp();
    List<String> shareWith = a.getShareWith();
    if (shareWith.isEmpty()) {
      shareWith = b.getShareWith();
    } else if (!b.getShareWith().isEmpty()) {
      List<String> both = new ArrayList<>(shareWith);
      both.retainAll(b.getShareWith());
      if (both.isEmpty()) {
        // Named for nobody in common: nobody but the agency itself, as AMBER+STRICT says.
        tlp = tlp.compareTo(Tlp.AMBER_STRICT) >= 0 ? tlp : Tlp.AMBER_STRICT;
      }
      shareWith = both;
    }
    TreeSet<String> hosting = new TreeSet<>(a.getHostingCountries());
    hosting.addAll(b.getHostingCountries());
    SightingFacts newer = a.getObservedAt().isAfter(b.getObservedAt()) ? a : b;
    return SightingFacts.newBuilder()
        .setId(FOLDED)
        .setObservedAt(newer.getObservedAt())
        .setTlp(tlp)
        .setShareWith(new ArrayList<>(shareWith))
        .setCategory(newer.getCategory())
        .setConfidence(newer.getConfidence())
        .setCaseRef(null)
        .setHostingCountries(new ArrayList<>(hosting))
        .setIdentification(merge(a.getIdentification(), b.getIdentification()))
        .setCount(a.getCount() + b.getCount())
        .build();
  }

  /** Any of them saying the victim (or offender) is identified, or naming a series, counts. */
  static Identification merge(Identification a, Identification b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Identification merged = new Identification(null, null, null);
    if (Boolean.TRUE.equals(a.getVictimIdentified())
        || Boolean.TRUE.equals(b.getVictimIdentified())) {
      merged.setVictimIdentified(true);
    }
    if (Boolean.TRUE.equals(a.getOffenderIdentified())
        || Boolean.TRUE.equals(b.getOffenderIdentified())) {
      merged.setOffenderIdentified(true);
    }
    merged.setSeries(series(a) != null ? series(a) : series(b));
    return merged;
  }

  private static String series(Identification id) {
    return id.getSeries() == null || id.getSeries().isBlank() ? null : id.getSeries().strip();
  }

  /** Whether the facts say anything of identification (victim, offender or series). */
  static boolean identifies(Identification id) {
    return id != null
        && (Boolean.TRUE.equals(id.getVictimIdentified())
            || Boolean.TRUE.equals(id.getOffenderIdentified())
            || series(id) != null);
  }

  /** The newest of the facts, by observation time. */
  static SightingFacts newest(List<SightingFacts> facts) {
    return facts.stream().max(Comparator.comparing(SightingFacts::getObservedAt)).orElseThrow();
  }

  static Instant oldest(List<SightingFacts> facts) {
    return facts.stream()
        .map(SightingFacts::getObservedAt)
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  /** The sighting ids the facts name (the fold names none: its ids are no longer kept). */
  static List<String> ids(List<SightingFacts> facts) {
    return facts.stream()
        .filter(f -> !FOLDED.equals(f.getId()))
        .sorted(
            Comparator.comparing(SightingFacts::getObservedAt).thenComparing(SightingFacts::getId))
        .map(SightingFacts::getId)
        .toList();
  }

  static long count(List<SightingFacts> facts) {
    return facts.stream().mapToLong(SightingFacts::getCount).sum();
  }
}
