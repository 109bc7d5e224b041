package io.annometrics.metrics.repository;

import java.time.Instant;
import java.util.Set;

/**
 * The events a view reads: one project, occurredAt in {@code [start, end)} (either may be null for
 * an open end), acted by one of {@code actors} (null for anyone), labelled one of {@code labels}
 * (null for any label).
 */
public record MetricsQuery(String projectId, Instant start, Instant end, Set<String> actors, Set<String> labels) {
}
