package io.annometrics.metrics.compute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a window {@code [start, end)} whose bounds fall on 15-minute slots into the fewest aggregate
 * buckets that cover it exactly: whole UTC months in the middle, whole UTC days around them, and
 * 15-minute slots at the two partial edge days.
 *
 * @param slots at most two ranges of slots, {@code [from, to)}
 * @param days at most two ranges of UTC days, {@code [from, to)}
 * @param months at most one range of UTC months (first days), {@code [from, to)}
 */
public record BucketPlan(List<Range<Instant>> slots, List<Range<LocalDate>> days, List<Range<LocalDate>> months) {

    /** Length of the smallest bucket, in seconds. */
    public static final long SLOT_SECONDS = 15 * 60;

    /** A half-open range {@code [from, to)}. */
    public record Range<T>(T from, T to) {
    }

    /** Whether {@code instant} is the start of a slot. */
    public static boolean onSlot(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), SLOT_SECONDS) == 0;
    }

    public static BucketPlan of(Instant start, Instant end) {
        if (!onSlot(start) || !onSlot(end)) {
            throw new IllegalArgumentException("bounds must fall on 15-minute slots: " + start + ", " + end);
        }
        List<Range<Instant>> slots = new ArrayList<>();
        List<Range<LocalDate>> days = new ArrayList<>();
        List<Range<LocalDate>> months = new ArrayList<>();
        if (!start.isBefore(end)) {
            return new BucketPlan(slots, days, months);
        }
        LocalDate firstDay = ceilDay(start);
        LocalDate endDay = floorDay(end);
        if (!firstDay.isBefore(endDay)) {
            slots.add(new Range<>(start, end));
            return new BucketPlan(slots, days, months);
        }
        addSlots(slots, start, startOf(firstDay));
        LocalDate firstMonth = firstDay.getDayOfMonth() == 1 ? firstDay : firstDay.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = endDay.withDayOfMonth(1);
        if (firstMonth.isBefore(endMonth)) {
            addDays(days, firstDay, firstMonth);
            months.add(new Range<>(firstMonth, endMonth));
            addDays(days, endMonth, endDay);
        } else {
            addDays(days, firstDay, endDay);
        }
        addSlots(slots, startOf(endDay), end);
        return new BucketPlan(slots, days, months);
    }

    private static void addSlots(List<Range<Instant>> slots, Instant from, Instant to) {
        if (from.isBefore(to)) {
            slots.add(new Range<>(from, to));
        }
    }

    private static void addDays(List<Range<LocalDate>> days, LocalDate from, LocalDate to) {
        if (from.isBefore(to)) {
            days.add(new Range<>(from, to));
        }
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate floorDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate ceilDay(Instant instant) {
        LocalDate day = floorDay(instant);
        return startOf(day).equals(instant) ? day : day.plusDays(1);
    }
}
