package org.sightline.processor.correlation;

import java.util.SortedSet;
import org.sightline.schema.AlertReason;
import org.sightline.schema.Severity;

/**
 * A reason to alert that holds for an indicator now: who should hear of it, who is behind it (the
 * agencies, or for a takedown the hosting countries), how severe it is, and what to tell them.
 */
public record Match(
    AlertReason reason,
    SortedSet<String> recipients,
    SortedSet<String> parties,
    Severity severity,
    String summary) {}
