package io.annometrics.event.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An event that was not stored, and why. */
@Type("RejectedEvent")
@Description("An event that was not stored, and why.")
public record RejectedEvent(
        @Description("Position of the event in the batch, from 0.") int index,
        @Description("The event's id as sent, if it had one.") String id,
        @NonNull @Description("Why it was rejected, in words a person can act on.") String reason) {
}
