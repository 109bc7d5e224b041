package io.annometrics.metrics.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.AdaptToScalar;
import io.smallrye.graphql.api.Scalar;

/**
 * Which events a view counts. A class rather than a record: SmallRye GraphQL would make the optional
 * lists of a record non-null. The dates are {@code Date} in the schema but strings here, so that a
 * malformed one is answered by the service's own BAD_REQUEST naming the field.
 */
@Input("MetricsFilter")
@Description("Which events a view counts: those of one project whose occurredAt, seen in timeZone, falls on a day from `from` to `to` (both inclusive).")
public class MetricsFilter {

    @Id
    @NonNull
    @Description("The project.")
    private String projectId;

    @AdaptToScalar(Scalar.Date.class)
    @Description("First local day of the window (YYYY-MM-DD), inclusive; without it, the window is open towards the past.")
    private String from;

    @AdaptToScalar(Scalar.Date.class)
    @Description("Last local day of the window (YYYY-MM-DD), inclusive; without it, the window is open towards the future.")
    private String to;

    @Description("IANA time zone in which days are counted, e.g. Asia/Kolkata (half-hour offsets included); without it, the project's time zone, else UTC. An unknown zone is a BAD_REQUEST error.")
    private String timeZone;

    @Description("Only these people: per-person views (activityCalendar, annotationsCreated, reworks) count only their actions; views of pairs (correctionHeatmap, reviewHierarchy, correctionChord) count only corrections where both editor and author are listed. Left out or empty: everyone.")
    private List<@NonNull String> users;

    @Description("Only events whose label is one of these. Left out or empty: every event, labelled or not.")
    private List<@NonNull String> labels;

    public MetricsFilter() {
    }

    public MetricsFilter(String projectId, LocalDate from, LocalDate to, String timeZone, List<String> users, List<String> labels) {
        this.projectId = projectId;
        this.from = from == null ? null : from.toString();
        this.to = to == null ? null : to.toString();
        this.timeZone = timeZone;
        this.users = users;
        this.labels = labels;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public List<String> getUsers() {
        return users;
    }

    public void setUsers(List<String> users) {
        this.users = users;
    }

    public List<String> getLabels() {
        return labels;
    }

    public void setLabels(List<String> labels) {
        this.labels = labels;
    }
}
