package org.sightline.consumers.alerts;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sightline.schema.Alert;

/** An alert as the analysts' page and API see it: plain JSON, enums as their names. */
public record AlertView(
    String id,
    String reason,
    String recipient,
    String indicator,
    String indicatorType,
    String severity,
    String disclosure,
    List<String> countries,
    List<String> agencies,
    List<String> sightingIds,
    Instant firstSeen,
    Instant lastSeen,
    Instant createdAt,
    String message,
    String supersedes,
    Map<String, String> attributes,
    String messageKey,
    Map<String, String> messageParams) {

  /**
   * What {@code message} says as a key and parameters (the console renders it in its reader's
   * language); null and empty for alerts written before they carried one.
   */
  @com.fasterxml.jackson.annotation.JsonCreator
  public AlertView {
    messageParams = messageParams == null ? Map.of() : messageParams;
  }

  public static AlertView from(Alert a) {
    return new AlertView(
        a.getId(),
        name(a.getReason()),
        a.getRecipient(),
        a.getIndicator(),
        name(a.getIndicatorType()),
        name(a.getSeverity()),
        name(a.getDisclosure()),
        copy(a.getCountries()),
        copy(a.getAgencies()),
        copy(a.getSightingIds()),
        a.getFirstSeen(),
        a.getLastSeen(),
        a.getCreatedAt(),
        a.getMessage(),
        a.getSupersedes(),
        // Sorted so the JSON is stable from one request to the next.
        a.getAttributes() == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(a.getAttributes())),
        a.getMessageKey(),
        a.getMessageParams() == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(a.getMessageParams())));
  }

  /** The alert record again, as the topic carried it (for formats built on the record). */
  public Alert toAlert() {
    return Alert.newBuilder()
        .setId(id)
        .setReason(org.sightline.schema.AlertReason.valueOf(reason))
        .setRecipient(recipient)
        .setIndicator(indicator)
        .setIndicatorType(org.sightline.schema.IndicatorType.valueOf(indicatorType))
        .setSeverity(org.sightline.schema.Severity.valueOf(severity))
        .setDisclosure(org.sightline.schema.Disclosure.valueOf(disclosure))
        .setCountries(countries)
        .setAgencies(agencies)
        .setSightingIds(sightingIds)
        .setFirstSeen(firstSeen)
        .setLastSeen(lastSeen)
        .setCreatedAt(createdAt)
        .setMessage(message)
        .setSupersedes(supersedes)
        .setAttributes(attributes)
        .setMessageKey(messageKey)
        .setMessageParams(messageParams)
        .build();
  }

  /** The same alert addressed to {@code recipient}. */
  public AlertView withRecipient(String recipient) {
    return new AlertView(
        id,
        reason,
        recipient,
        indicator,
        indicatorType,
        severity,
        disclosure,
        countries,
        agencies,
        sightingIds,
        firstSeen,
        lastSeen,
        createdAt,
        message,
        supersedes,
        attributes,
        messageKey,
        messageParams);
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }

  private static List<String> copy(List<String> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
