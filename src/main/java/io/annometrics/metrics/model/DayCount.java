package io.annometrics.metrics.model;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Activity of one local day. */
@Type("DayCount")
@Description("Activity of one local day: one cell of the calendar heatmap.")
public record DayCount(
        @NonNull @Description("The local day, in the filter's time zone.") LocalDate date,
        @Description("Events of any type on that day; 0 for a day without activity.") int count) {
}
