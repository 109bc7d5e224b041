package io.annometrics.metrics.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The Summary view. */
@Type("ActivityCalendar")
@Description("Summary view: daily activity for a calendar heatmap (one cell per day, darker for more events).")
public record ActivityCalendar(
        @Description("Sum of the counts of all days.") int total,
        @NonNull @Description("One entry per local day in date order, from the window's first to its last day (without bounds: from the first to the last day with activity); days without activity have count 0.") List<@NonNull DayCount> days) {
}
