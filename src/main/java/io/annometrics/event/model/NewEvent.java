package io.annometrics.event.model;

import java.time.Instant;

/** A validated event, ready to be stored. */
public record NewEvent(
        String projectId,
        String eventId,
        EventType type,
        String actor,
        String annotationId,
        Instant occurredAt,
        String author,
        String assetId,
        String label) {
}
