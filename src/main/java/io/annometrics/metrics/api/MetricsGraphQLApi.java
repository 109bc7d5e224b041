package io.annometrics.metrics.api;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.annometrics.common.error.ErrorBoundary;
import io.annometrics.metrics.model.ActivityCalendar;
import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.MetricsFilter;
import io.annometrics.metrics.model.ReviewHierarchy;
import io.annometrics.metrics.model.UserCount;
import io.annometrics.metrics.service.MetricsService;

/** The six views of a project's team work. VIEWERs of the project and above. Delegates to {@link MetricsService}. */
@GraphQLApi
@ErrorBoundary
public class MetricsGraphQLApi {

    private static final String FILTER = "Which events to count: project, window of local days, time zone, people, labels.";

    @Inject
    MetricsService metrics;

    @Query("activityCalendar")
    @Description("Summary: events per local day, for a calendar heatmap.")
    public @NonNull ActivityCalendar activityCalendar(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.activityCalendar(filter);
    }

    @Query("annotationsCreated")
    @Description("Created: ANNOTATION_CREATED events per person, for a bar chart; by count descending, then user.")
    public @NonNull List<@NonNull UserCount> annotationsCreated(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.annotationsCreated(filter);
    }

    @Query("reworks")
    @Description("Reworks: corrections (updates or deletions of someone else's annotation) each person made, for a bar chart; by count descending, then user.")
    public @NonNull List<@NonNull UserCount> reworks(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.reworks(filter);
    }

    @Query("correctionHeatmap")
    @Description("Heatmap: corrections per annotator (rows) and editor (columns).")
    public @NonNull CorrectionHeatmap correctionHeatmap(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.correctionHeatmap(filter);
    }

    @Query("reviewHierarchy")
    @Description("Hierarchy: who oversees whom, chosen by a maximum-weight branching (Chu-Liu/Edmonds) of the correction graph; ties are broken the same way every time.")
    public @NonNull ReviewHierarchy reviewHierarchy(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.reviewHierarchy(filter);
    }

    @Query("correctionChord")
    @Description("Relationship: correction flows between people, for a chord diagram.")
    public @NonNull CorrectionChord correctionChord(@Name("filter") @NonNull @Description(FILTER) MetricsFilter filter) {
        return metrics.correctionChord(filter);
    }
}
