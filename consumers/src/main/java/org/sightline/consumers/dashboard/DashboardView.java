package org.sightline.consumers.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything the secretariat dashboard draws, for the minutes it shows. */
public record DashboardView(
    Headline headline,
    List<Instant> minutes,
    Map<String, long[]> sightingsByCountry,
    Map<String, long[]> sightingsByType,
    Map<String, long[]> alertsByReason,
    long[] crossBorderMatches,
    long[] hitNoHit,
    long[] iwolSize,
    long[] iwolChanges,
    CorrelationMatrix.View correlations,
    LatencySamples.View hostedToAlert,
    LatencySamples.View publishToAlert,
    ProcessorLag.View processorLag) {}
