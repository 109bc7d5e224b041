package io.annometrics.event.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What became of each event of a batch. */
@Type("RecordEventsResult")
@Description("What became of each event of a batch: every event is counted as accepted, duplicate or rejected.")
public record RecordEventsResult(
        @Description("Events stored by this call.") int accepted,
        @Description("Events already stored before (or earlier in the same batch) under the same (projectId, id); nothing new was stored for them.") int duplicates,
        @NonNull @Description("Events not stored, each with its index in the batch and the reason, in batch order.") List<@NonNull RejectedEvent> rejected) {
}
