package io.annometrics.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** A window of local days, both inclusive, as the metrics filter names it. */
record DayWindow(String name, LocalDate from, LocalDate to) {

    /** The last {@code days} days up to and including {@code last}. */
    static DayWindow last(int days, LocalDate last) {
        return new DayWindow(days + " days", last.minusDays(days - 1L), last);
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the window. */
    Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
