package io.annometrics.metrics.compute;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.annometrics.metrics.model.ActivityCalendar;
import io.annometrics.metrics.model.DayCount;

/** Builds the calendar heatmap from counts per day. */
public final class Calendars {

    private Calendars() {
    }

    /**
     * One entry per day from {@code first} to {@code last}: {@code counts[i]} is the count of day
     * {@code first + i}; missing entries count 0.
     */
    public static ActivityCalendar fill(LocalDate first, LocalDate last, long[] counts) {
        List<DayCount> days = new ArrayList<>();
        long total = 0;
        int i = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), i++) {
            long count = i < counts.length ? counts[i] : 0;
            days.add(new DayCount(day, Math.toIntExact(count)));
            total += count;
        }
        return new ActivityCalendar(Math.toIntExact(total), days);
    }

    /** The calendar of a window without days: no activity and no bounds. */
    public static ActivityCalendar empty() {
        return new ActivityCalendar(0, List.of());
    }
}
