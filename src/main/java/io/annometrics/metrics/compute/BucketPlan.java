package io.annometrics.metrics.compute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.annometrics.aggregate.TallyLevel;

/**
 * Covers a window {@code [start, end)} whose bounds fall on 15-minute slots with aggregate buckets
 * (UTC years, months and days, slots), each range added or subtracted, so that the counts of the parts sum
 * to the counts of the window exactly, whatever the zone.
 *
 * <p>Counts are additive, so a window that holds most of a bucket may take the whole bucket and
 * subtract the rest: a year of local days in Asia/Kolkata is one UTC year minus the 22 slots of
 * 31 December after 18:30, plus the 22 slots of the previous 31 December, instead of eleven months,
 * thirty days and 96 slots. Of the ways to cover the window, the plan takes the one that reads the
 * least, by a rough weight per bucket ({@link #weight}).
 *
 * @param parts ranges of buckets, each added (sign 1) or subtracted (sign -1)
 */
public record BucketPlan(List<Part> parts) {

    /** Length of the smallest bucket, in seconds. */
    public static final long SLOT_SECONDS = TallyLevel.SLOT_SECONDS;

    /**
     * The buckets of one level whose first instant lies in {@code [from, to)}, counted with {@code sign}.
     */
    public record Part(TallyLevel level, Instant from, Instant to, int sign) {
    }

    /** Whether {@code instant} is the start of a slot. */
    public static boolean onSlot(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), SLOT_SECONDS) == 0;
    }

    public static BucketPlan of(Instant start, Instant end) {
        if (!onSlot(start) || !onSlot(end)) {
            throw new IllegalArgumentException("bounds must fall on 15-minute slots: " + start + ", " + end);
        }
        if (!start.isBefore(end)) {
            return new BucketPlan(List.of());
        }
        return new BucketPlan(List.copyOf(cover(TallyLevel.YEAR, start, end, 1).parts()));
    }

    /**
     * What reading one bucket of a level costs, relative to a slot: in a busy team a slot holds a few
     * dozen (editor, author) pairs, a day about 50 times as many, a month about 5 times a day and a
     * year about 2.5 times a month, as the same pairs recur.
     */
    static long weight(TallyLevel level) {
        return switch (level) {
            case SLOT -> 1;
            case DAY -> 40;
            case MONTH -> 200;
            case YEAR -> 500;
        };
    }

    /** A way to cover a range, and what it costs. */
    private record Cover(long cost, List<Part> parts) {
    }

    /** The cheapest cover of {@code [from, to)} (non-empty) with buckets of {@code level} and finer ones. */
    private static Cover cover(TallyLevel level, Instant from, Instant to, int sign) {
        if (level == TallyLevel.SLOT) {
            return new Cover(count(level, from, to) * weight(level), List.of(new Part(level, from, to, sign)));
        }
        TallyLevel finer = switch (level) {
            case YEAR -> TallyLevel.MONTH;
            case MONTH -> TallyLevel.DAY;
            default -> TallyLevel.SLOT;
        };
        Cover best = cover(finer, from, to, sign);
        for (Instant first : List.of(floor(level, from), ceil(level, from))) {
            for (Instant last : List.of(floor(level, to), ceil(level, to))) {
                if (!first.isBefore(last)) {
                    continue;
                }
                List<Part> parts = new ArrayList<>();
                parts.add(new Part(level, first, last, sign));
                long cost = count(level, first, last) * weight(level);
                // The window's start before the buckets' start is added; after it, subtracted.
                Cover head = first.isAfter(from) ? cover(finer, from, first, sign)
                        : first.isBefore(from) ? cover(finer, first, from, -sign) : null;
                Cover tail = last.isBefore(to) ? cover(finer, last, to, sign)
                        : last.isAfter(to) ? cover(finer, to, last, -sign) : null;
                for (Cover edge : new Cover[] { head, tail }) {
                    if (edge != null) {
                        cost += edge.cost();
                        parts.addAll(edge.parts());
                    }
                }
                if (cost < best.cost()) {
                    best = new Cover(cost, parts);
                }
            }
        }
        return best;
    }

    /** Buckets of {@code level} starting in {@code [from, to)}, both bucket starts. */
    private static long count(TallyLevel level, Instant from, Instant to) {
        return switch (level) {
            case SLOT -> (to.getEpochSecond() - from.getEpochSecond()) / SLOT_SECONDS;
            case DAY -> (to.getEpochSecond() - from.getEpochSecond()) / 86_400;
            case MONTH -> ChronoUnit.MONTHS.between(day(from), day(to));
            case YEAR -> ChronoUnit.YEARS.between(day(from), day(to));
        };
    }

    private static Instant floor(TallyLevel level, Instant instant) {
        return level.bucketOf(instant);
    }

    private static Instant ceil(TallyLevel level, Instant instant) {
        Instant floor = level.bucketOf(instant);
        if (floor.equals(instant)) {
            return floor;
        }
        return switch (level) {
            case SLOT -> floor.plusSeconds(SLOT_SECONDS);
            case DAY -> floor.plusSeconds(86_400);
            case MONTH -> TallyLevel.startOf(day(floor).plusMonths(1));
            case YEAR -> TallyLevel.startOf(day(floor).plusYears(1));
        };
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
