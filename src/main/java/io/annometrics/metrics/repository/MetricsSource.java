package io.annometrics.metrics.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.annometrics.metrics.compute.WindowTotals;

/** Where the views' counts come from: the aggregates, or the raw event log. Same answers either way. */
public interface MetricsSource {

    /** First and last instant with activity (for the aggregates: the start of the first and last slot). */
    record Span(Instant first, Instant last) {
    }

    Optional<Span> span(MetricsQuery query);

    /**
     * Events per day: {@code boundaries} are the starts of {@code n} consecutive days followed by the
     * end of the last; the answer has {@code n} counts.
     */
    long[] countsPerDay(MetricsQuery query, List<Instant> boundaries);

    /**
     * Events and creations per actor (the query's actor filter applies) and, if asked, corrections
     * by (editor, author). The actor filter does not apply to corrections: callers choose whether it
     * applies to editors, authors or both.
     */
    WindowTotals totals(MetricsQuery query, boolean withCorrections);
}
