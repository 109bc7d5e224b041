package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.annometrics.aggregate.TallyLevel;
import io.annometrics.metrics.compute.BucketPlan.Part;

class BucketPlanTest {

    private static final long SLOT = BucketPlan.SLOT_SECONDS;

    @Test
    void aYearOfLocalDaysInKolkataIsOneUtcYearAndTwoSlivers() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant start = LocalDate.of(2025, 1, 1).atStartOfDay(kolkata).toInstant();
        Instant end = LocalDate.of(2026, 1, 1).atStartOfDay(kolkata).toInstant();

        assertEquals(List.of(
                new Part(TallyLevel.YEAR, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 1),
                new Part(TallyLevel.SLOT, at("2024-12-31T18:30:00Z"), at("2025-01-01T00:00:00Z"), 1),
                new Part(TallyLevel.SLOT, at("2025-12-31T18:30:00Z"), at("2026-01-01T00:00:00Z"), -1)),
                BucketPlan.of(start, end).parts());
    }

    @Test
    void aFewHoursAreSlotsAndAWholeUtcDayIsOneDay() {
        assertEquals(List.of(new Part(TallyLevel.SLOT, at("2026-03-01T09:00:00Z"), at("2026-03-01T11:15:00Z"), 1)),
                BucketPlan.of(at("2026-03-01T09:00:00Z"), at("2026-03-01T11:15:00Z")).parts());
        assertEquals(List.of(new Part(TallyLevel.DAY, at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z"), 1)),
                BucketPlan.of(at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z")).parts());
        assertEquals(List.of(), BucketPlan.of(at("2026-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z")).parts());
    }

    @Test
    void everySlotOfTheWindowIsCountedOnceAndNoneOutsideIt() {
        Random random = new Random(7);
        Instant origin = at("2024-11-20T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            long startSlot = random.nextInt(200 * 96);
            // Some hours, up to four months, or up to 600 days (years and their parts).
            int kind = random.nextInt(5);
            long length = kind == 0 ? random.nextInt(200) : kind < 4 ? random.nextInt(120 * 96) : random.nextInt(600 * 96);
            Instant start = origin.plusSeconds(startSlot * SLOT);
            Instant end = start.plusSeconds(length * SLOT);
            Instant first = origin.minusSeconds(400 * 86_400);
            int[] counted = coverage(BucketPlan.of(start, end), first, 1400 * 96);
            for (int s = 0; s < counted.length; s++) {
                Instant slot = first.plusSeconds(s * SLOT);
                int expected = !slot.isBefore(start) && slot.isBefore(end) ? 1 : 0;
                if (counted[s] != expected) {
                    assertEquals(expected, counted[s], "slot " + slot + " of [" + start + ", " + end + ")");
                }
            }
        }
    }

    @Test
    void elevenMonthsAreAYearLessAMonth() {
        assertEquals(List.of(
                new Part(TallyLevel.YEAR, at("2025-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 1),
                new Part(TallyLevel.MONTH, at("2025-12-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), -1)),
                BucketPlan.of(at("2025-01-01T00:00:00Z"), at("2025-12-01T00:00:00Z")).parts());
    }

    @Test
    void boundsOffTheSlotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> BucketPlan.of(at("2026-03-01T09:07:00Z"), at("2026-03-02T00:00:00Z")));
    }

    /**
     * How often each of {@code slots} slots from {@code first} is counted by the plan, signs applied. Every
     * part starts and ends on buckets of its level, so it counts exactly the slots of {@code [from, to)}.
     */
    private static int[] coverage(BucketPlan plan, Instant first, int slots) {
        int[] change = new int[slots + 1];
        for (Part part : plan.parts()) {
            assertEquals(part.from(), part.level().bucketOf(part.from()), "a part starts on a bucket: " + part);
            assertEquals(part.to(), part.level().bucketOf(part.to()), "a part ends on a bucket: " + part);
            int from = (int) ((part.from().getEpochSecond() - first.getEpochSecond()) / SLOT);
            int to = (int) ((part.to().getEpochSecond() - first.getEpochSecond()) / SLOT);
            change[Math.max(0, Math.min(slots, from))] += part.sign();
            change[Math.max(0, Math.min(slots, to))] -= part.sign();
        }
        int[] counted = new int[slots];
        int running = 0;
        for (int s = 0; s < slots; s++) {
            running += change[s];
            counted[s] = running;
        }
        return counted;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
