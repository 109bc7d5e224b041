package io.annometrics.event.model;

import java.time.Instant;

/** An update or deletion already in the log: what late attribution needs to move its count. */
public record StoredEdit(String projectId, String eventId, String annotationId, String actor, Instant occurredAt) {
}
