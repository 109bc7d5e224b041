package io.annometrics.event.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.annometrics.common.error.ErrorBoundary;
import io.annometrics.event.model.EventInput;
import io.annometrics.event.model.RecordEventsResult;
import io.annometrics.event.service.IngestionService;

/** Recording workflow events. Delegates to {@link IngestionService}. */
@GraphQLApi
@ErrorBoundary
public class EventGraphQLApi {

    @Inject
    IngestionService ingestion;

    @Mutation("recordEvents")
    @Description("Records a batch of events (at most 5000 by default). Idempotent: an event whose (projectId, id) is stored already counts as a duplicate and changes nothing. "
            + "Each invalid event is rejected on its own with its index and a reason; the valid ones are stored together or, if the database fails, not at all (the error then says that a retry is safe). "
            + "Needs the PRODUCER role in every project the batch names; events of projects that do not exist, or that the caller has no role in, are rejected.")
    public @NonNull RecordEventsResult recordEvents(
            @Name("events") @NonNull @Description("The events, in any order: a correction may arrive before its annotation's creation.") List<@NonNull EventInput> events) {
        return ingestion.record(events);
    }
}
