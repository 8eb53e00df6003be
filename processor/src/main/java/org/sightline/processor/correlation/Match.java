package org.sightline.processor.correlation;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.sightline.alerts.AlertMessage;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Severity;

/**
 * A reason to alert that holds for an indicator now: who should hear of it, who is behind it (the
 * agencies, or for a takedown the hosting countries), whose sightings it rests on (disclosed to
 * each recipient as far as their TLP allows), how severe it is, and what to tell them (a message
 * key and its parameters).
 */
public record Match(
    AlertReason reason,
    SortedSet<String> recipients,
    SortedSet<String> parties,
    List<Party> evidence,
    Severity severity,
    AlertMessage message,
    Map<String, String> params) {}
