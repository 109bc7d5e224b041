package io.annometrics.metrics.compute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A window of local days in a time zone, both ends inclusive and either open. Turns local days into
 * instants exactly, for every IANA zone (half-hour and 45-minute offsets, daylight-saving changes).
 */
public record Window(ZoneId zone, LocalDate from, LocalDate to) {

    /** First instant in the window, or null when it is open towards the past. */
    public Instant start() {
        return from == null ? null : startOf(from);
    }

    /** First instant after the window, or null when it is open towards the future. */
    public Instant end() {
        return to == null ? null : startOf(to.plusDays(1));
    }

    /** Number of days from {@code from} to {@code to}, both included; -1 when either is open. */
    public long days() {
        return from == null || to == null ? -1 : ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The local day on which {@code instant} falls. */
    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The instant at which local day {@code day} starts (the first valid time if midnight is skipped). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /**
     * The starts of the days {@code first..last} followed by the start of the day after {@code last}:
     * {@code n + 1} boundaries for {@code n} days.
     */
    public List<Instant> boundaries(LocalDate first, LocalDate last) {
        List<Instant> boundaries = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
            boundaries.add(startOf(day));
        }
        return boundaries;
    }
}
