package io.annometrics.metrics.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.micrometer.core.annotation.Timed;

import io.annometrics.common.error.BadRequestException;
import io.annometrics.config.AnnometricsConfig;
import io.annometrics.metrics.compute.Calendars;
import io.annometrics.metrics.compute.CorrectionPair;
import io.annometrics.metrics.compute.CorrectionViews;
import io.annometrics.metrics.compute.HierarchyBuilder;
import io.annometrics.metrics.compute.Window;
import io.annometrics.metrics.compute.WindowTotals;
import io.annometrics.metrics.model.ActivityCalendar;
import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.MetricsFilter;
import io.annometrics.metrics.model.ReviewHierarchy;
import io.annometrics.metrics.model.UserCount;
import io.annometrics.metrics.repository.MetricsQuery;
import io.annometrics.metrics.repository.AggregateMetricsRepository;
import io.annometrics.metrics.repository.MetricsSource;
import io.annometrics.metrics.repository.RawMetricsRepository;
import io.annometrics.project.model.Project;
import io.annometrics.project.model.ProjectRole;
import io.annometrics.project.service.ProjectService;
import io.annometrics.security.ProjectAccess;

/** The six views. Checks the caller's access and the filter, reads counts, assembles the answer. */
@ApplicationScoped
@Transactional
public class MetricsService {

    @Inject
    AggregateMetricsRepository aggregates;

    @Inject
    RawMetricsRepository raw;

    @Inject
    ProjectAccess access;

    @Inject
    AnnometricsConfig config;

    /** A checked filter: the window, the query it selects and where its counts come from. */
    record Scope(Window window, MetricsQuery query, Set<String> users, MetricsSource source) {

        /** Whether {@code user} may appear in the answer. */
        boolean shows(String user) {
            return users == null || users.contains(user);
        }

        /** Corrections between people who may both appear. */
        List<CorrectionPair> pairsAmongUsers(List<CorrectionPair> pairs) {
            return filter(pairs, p -> shows(p.editor()) && shows(p.author()));
        }

        private static List<CorrectionPair> filter(List<CorrectionPair> pairs, Predicate<CorrectionPair> keep) {
            return pairs.stream().filter(keep).toList();
        }
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "activityCalendar" }, description = "Time to answer a view")
    public ActivityCalendar activityCalendar(MetricsFilter filter) {
        return activityCalendar(scope(filter));
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "annotationsCreated" }, description = "Time to answer a view")
    public List<UserCount> annotationsCreated(MetricsFilter filter) {
        return annotationsCreated(scope(filter));
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "reworks" }, description = "Time to answer a view")
    public List<UserCount> reworks(MetricsFilter filter) {
        return reworks(scope(filter));
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "correctionHeatmap" }, description = "Time to answer a view")
    public CorrectionHeatmap correctionHeatmap(MetricsFilter filter) {
        return correctionHeatmap(scope(filter));
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "reviewHierarchy" }, description = "Time to answer a view")
    public ReviewHierarchy reviewHierarchy(MetricsFilter filter) {
        return reviewHierarchy(scope(filter));
    }

    @Timed(value = "annometrics.view", extraTags = { "view", "correctionChord" }, description = "Time to answer a view")
    public CorrectionChord correctionChord(MetricsFilter filter) {
        return correctionChord(scope(filter));
    }

    ActivityCalendar activityCalendar(Scope scope) {
        Window window = scope.window();
        LocalDate first = window.from();
        LocalDate last = window.to();
        if (first == null || last == null) {
            Optional<MetricsSource.Span> span = scope.source().span(scope.query());
            if (span.isPresent()) {
                first = first != null ? first : window.dayOf(span.get().first());
                last = last != null ? last : window.dayOf(span.get().last());
            } else if (first == null && last == null) {
                return Calendars.empty();
            } else {
                first = first != null ? first : last;
                last = last != null ? last : first;
            }
        }
        return Calendars.fill(first, last, scope.source().countsPerDay(scope.query(), window.boundaries(first, last)));
    }

    List<UserCount> annotationsCreated(Scope scope) {
        return CorrectionViews.ranking(totals(scope, false).createdPerUser(), maxPeople());
    }

    List<UserCount> reworks(Scope scope) {
        return CorrectionViews.reworks(Scope.filter(totals(scope, true).corrections(), p -> scope.shows(p.editor())),
                maxPeople());
    }

    CorrectionHeatmap correctionHeatmap(Scope scope) {
        WindowTotals totals = totals(scope, true);
        return CorrectionViews.heatmap(totals.createdPerUser().keySet(), scope.pairsAmongUsers(totals.corrections()), maxPeople());
    }

    ReviewHierarchy reviewHierarchy(Scope scope) {
        WindowTotals totals = totals(scope, true);
        List<CorrectionPair> pairs = scope.pairsAmongUsers(totals.corrections());
        Set<String> active = totals.actors();
        pairs.forEach(p -> active.add(p.author()));
        int max = config.metrics().maxHierarchyPeople();
        if (active.size() > max) {
            throw new BadRequestException("filter.users: the hierarchy would hold " + active.size() + " people; at most " + max
                    + " are allowed. Narrow it with filter.users or a shorter window.");
        }
        return HierarchyBuilder.build(active, pairs);
    }

    CorrectionChord correctionChord(Scope scope) {
        return CorrectionViews.chord(scope.pairsAmongUsers(totals(scope, true).corrections()), maxPeople());
    }

    private static WindowTotals totals(Scope scope, boolean withCorrections) {
        return scope.source().totals(scope.query(), withCorrections);
    }

    private int maxPeople() {
        return config.metrics().maxPeople();
    }

    /** Checks access and the filter; the errors name the offending field. */
    Scope scope(MetricsFilter filter) {
        return scope(filter, null);
    }

    /** As {@link #scope(MetricsFilter)}, reading from {@code source} if given (tests compare the sources). */
    Scope scope(MetricsFilter filter, MetricsSource source) {
        if (filter == null || filter.getProjectId() == null || filter.getProjectId().isBlank()) {
            throw new BadRequestException("filter.projectId: a project is required.");
        }
        Project project = access.require(filter.getProjectId(), ProjectRole.VIEWER);
        ZoneId zone = zoneOf(filter, project);
        LocalDate from = date("filter.from", filter.getFrom());
        LocalDate to = date("filter.to", filter.getTo());
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadRequestException("filter.from: " + from + " is after filter.to " + to + ".");
        }
        Window window = new Window(zone, from, to);
        int maxDays = config.metrics().maxWindowDays();
        if (window.days() > maxDays) {
            throw new BadRequestException("filter.to: the window spans " + window.days() + " days; at most " + maxDays
                    + " are allowed. Narrow filter.from and filter.to.");
        }
        Set<String> users = nonEmpty(filter.getUsers());
        MetricsQuery query = new MetricsQuery(project.id(), window.start(), window.end(), users, nonEmpty(filter.getLabels()));
        if (source == null) {
            source = AggregateMetricsRepository.supports(query) ? aggregates : raw;
        }
        return new Scope(window, query, users, source);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field + ": '" + value + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01.");
        }
    }

    private static ZoneId zoneOf(MetricsFilter filter, Project project) {
        if (filter.getTimeZone() != null && !filter.getTimeZone().isBlank()) {
            return ProjectService.validZone("filter.timeZone", filter.getTimeZone().trim());
        }
        return project.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(project.timeZone());
    }

    private static Set<String> nonEmpty(List<String> values) {
        return values == null || values.isEmpty() ? null : Set.copyOf(values);
    }
}
