package io.annometrics.event.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One event as a producer sends it. Every field is checked per event, so that one bad event is
 * rejected on its own and never costs the good ones in its batch; that is why even the required
 * fields are nullable here and {@code type} and {@code occurredAt} are plain strings. Also read from
 * NDJSON lines by Jackson, hence registered for reflection in native builds.
 */
@Input("EventInput")
@Description("One workflow event: one action of one person on one annotation, in one project. Fields marked required are checked per event: an event that lacks one, or has a malformed value, is rejected on its own while the rest of its batch is stored.")
@RegisterForReflection
public record EventInput(
        @Description("Required. The producer's id for the event, unique within its project (at most 200 characters). Sending the same (projectId, id) again stores nothing and counts as a duplicate.") String id,
        @Id @Description("Required. The project, created beforehand with createProject.") String projectId,
        @Description("Required. One of ANNOTATION_CREATED, ANNOTATION_UPDATED, ANNOTATION_DELETED, ANNOTATION_ACCEPTED (reviewed, kept as is), ANNOTATION_REJECTED (reviewed, sent back).") String type,
        @Description("Required. The user who acted, as the SSO token names them.") String actor,
        @Description("Required. The annotation acted on; unique within its project.") String annotationId,
        @Description("Required. When it happened: an ISO-8601 date-time with an offset (DateTime), e.g. 2026-03-01T09:30:00+05:30. At most one day in the future.") String occurredAt,
        @Description("Optional. The annotation's creator, where the producer knows it; used when no ANNOTATION_CREATED event of the annotation is stored.") String author,
        @Description("Optional. The image or frame the annotation is on.") String assetId,
        @Description("Optional. The annotation's class, e.g. crack or hotspot.") String label) {
}
