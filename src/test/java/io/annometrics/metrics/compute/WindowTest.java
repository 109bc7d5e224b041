package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class WindowTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId ADELAIDE = ZoneId.of("Australia/Adelaide");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static Instant instant(String text) {
        return Instant.parse(text);
    }

    @Test
    void startAndEndInUtcAreMidnights() {
        Window window = new Window(ZoneOffset.UTC, day("2026-03-01"), day("2026-03-31"));
        assertEquals(instant("2026-03-01T00:00:00Z"), window.start());
        assertEquals(instant("2026-04-01T00:00:00Z"), window.end());
    }

    @Test
    void kolkataDaysStartFiveAndAHalfHoursBeforeUtcMidnight() {
        Window window = new Window(KOLKATA, day("2026-03-01"), day("2026-03-01"));
        assertEquals(instant("2026-02-28T18:30:00Z"), window.start());
        assertEquals(instant("2026-03-01T18:30:00Z"), window.end());
    }

    @Test
    void kathmanduDaysStartFiveHoursAndFortyFiveMinutesBeforeUtcMidnight() {
        Window window = new Window(KATHMANDU, day("2026-03-01"), day("2026-03-02"));
        assertEquals(instant("2026-02-28T18:15:00Z"), window.start());
        assertEquals(instant("2026-03-02T18:15:00Z"), window.end());
    }

    @Test
    void adelaideUsesItsSummerOffsetOfTenAndAHalfHoursInJanuary() {
        Window window = new Window(ADELAIDE, day("2026-01-15"), day("2026-01-15"));
        assertEquals(instant("2026-01-14T13:30:00Z"), window.start());
        assertEquals(instant("2026-01-15T13:30:00Z"), window.end());
    }

    @Test
    void adelaideUsesItsWinterOffsetOfNineAndAHalfHoursInJuly() {
        Window window = new Window(ADELAIDE, day("2026-07-15"), day("2026-07-15"));
        assertEquals(instant("2026-07-14T14:30:00Z"), window.start());
        assertEquals(instant("2026-07-15T14:30:00Z"), window.end());
    }

    @Test
    void adelaideDayWhenDaylightSavingEndsHas25Hours() {
        Window window = new Window(ADELAIDE, day("2026-04-05"), day("2026-04-05"));
        assertEquals(instant("2026-04-04T13:30:00Z"), window.start());
        assertEquals(instant("2026-04-05T14:30:00Z"), window.end());
        assertEquals(Duration.ofHours(25), Duration.between(window.start(), window.end()));
    }

    @Test
    void adelaideDayWhenDaylightSavingStartsHas23Hours() {
        Window window = new Window(ADELAIDE, day("2026-10-04"), day("2026-10-04"));
        assertEquals(instant("2026-10-03T14:30:00Z"), window.start());
        assertEquals(instant("2026-10-04T13:30:00Z"), window.end());
        assertEquals(Duration.ofHours(23), Duration.between(window.start(), window.end()));
    }

    @Test
    void aDayWithDaylightSavingStartHas23Hours() {
        Window window = new Window(NEW_YORK, day("2026-03-08"), day("2026-03-08"));
        assertEquals(instant("2026-03-08T05:00:00Z"), window.start());
        assertEquals(instant("2026-03-09T04:00:00Z"), window.end());
        assertEquals(Duration.ofHours(23), Duration.between(window.start(), window.end()));
    }

    @Test
    void aDayWithDaylightSavingEndHas25Hours() {
        Window window = new Window(NEW_YORK, day("2026-11-01"), day("2026-11-01"));
        assertEquals(instant("2026-11-01T04:00:00Z"), window.start());
        assertEquals(instant("2026-11-02T05:00:00Z"), window.end());
        assertEquals(Duration.ofHours(25), Duration.between(window.start(), window.end()));
    }

    @Test
    void boundariesAroundDaylightSavingChangesAreOneLocalDayApart() {
        Window window = new Window(NEW_YORK, null, null);
        List<Instant> spring = window.boundaries(day("2026-03-07"), day("2026-03-09"));
        assertEquals(List.of(
                instant("2026-03-07T05:00:00Z"),
                instant("2026-03-08T05:00:00Z"),
                instant("2026-03-09T04:00:00Z"),
                instant("2026-03-10T04:00:00Z")), spring);
        assertEquals(Duration.ofHours(24), Duration.between(spring.get(0), spring.get(1)));
        assertEquals(Duration.ofHours(23), Duration.between(spring.get(1), spring.get(2)));
        assertEquals(Duration.ofHours(24), Duration.between(spring.get(2), spring.get(3)));

        List<Instant> autumn = window.boundaries(day("2026-11-01"), day("2026-11-01"));
        assertEquals(Duration.ofHours(25), Duration.between(autumn.get(0), autumn.get(1)));
    }

    @Test
    void whenMidnightIsSkippedTheDayStartsAtTheFirstValidTime() {
        // On 2024-09-08 Chile moved its clocks from 00:00 straight to 01:00 (-04:00 to -03:00).
        Window window = new Window(SANTIAGO, day("2024-09-08"), day("2024-09-08"));
        assertEquals(instant("2024-09-08T04:00:00Z"), window.start());
        assertEquals(instant("2024-09-09T03:00:00Z"), window.end());
        assertEquals(Duration.ofHours(23), Duration.between(window.start(), window.end()));
        assertEquals(window.start(), window.startOf(day("2024-09-08")));
        assertEquals(day("2024-09-08"), window.dayOf(window.start()));
        assertEquals(day("2024-09-07"), window.dayOf(window.start().minusNanos(1)));
    }

    @Test
    void theDayBeforeASkippedMidnightEndsWhereTheNextDayStarts() {
        Window window = new Window(SANTIAGO, day("2024-09-07"), day("2024-09-07"));
        assertEquals(instant("2024-09-07T04:00:00Z"), window.start());
        assertEquals(instant("2024-09-08T04:00:00Z"), window.end());
        assertEquals(Duration.ofHours(24), Duration.between(window.start(), window.end()));
    }

    @Test
    void anOpenStartIsNull() {
        Window window = new Window(KOLKATA, null, day("2026-03-01"));
        assertNull(window.start());
        assertEquals(instant("2026-03-01T18:30:00Z"), window.end());
    }

    @Test
    void anOpenEndIsNull() {
        Window window = new Window(KOLKATA, day("2026-03-01"), null);
        assertEquals(instant("2026-02-28T18:30:00Z"), window.start());
        assertNull(window.end());
    }

    @Test
    void aWindowOpenAtBothEndsHasNeitherStartNorEnd() {
        Window window = new Window(KOLKATA, null, null);
        assertNull(window.start());
        assertNull(window.end());
    }

    @Test
    void daysCountsBothEnds() {
        assertEquals(1, new Window(ZoneOffset.UTC, day("2026-03-01"), day("2026-03-01")).days());
        assertEquals(31, new Window(ZoneOffset.UTC, day("2026-03-01"), day("2026-03-31")).days());
        assertEquals(366, new Window(ZoneOffset.UTC, day("2024-01-01"), day("2024-12-31")).days());
    }

    @Test
    void daysCountsCalendarDaysEvenAcrossDaylightSavingChanges() {
        assertEquals(3, new Window(NEW_YORK, day("2026-03-07"), day("2026-03-09")).days());
        assertEquals(3, new Window(NEW_YORK, day("2026-10-31"), day("2026-11-02")).days());
    }

    @Test
    void daysIsMinusOneWhenEitherEndIsOpen() {
        assertEquals(-1, new Window(ZoneOffset.UTC, null, day("2026-03-01")).days());
        assertEquals(-1, new Window(ZoneOffset.UTC, day("2026-03-01"), null).days());
        assertEquals(-1, new Window(ZoneOffset.UTC, null, null).days());
    }

    @Test
    void boundariesHaveOneMoreEntryThanDays() {
        Window window = new Window(KATHMANDU, null, null);
        List<Instant> boundaries = window.boundaries(day("2026-03-01"), day("2026-03-05"));
        assertEquals(6, boundaries.size());
        assertEquals(instant("2026-02-28T18:15:00Z"), boundaries.get(0));
        assertEquals(instant("2026-03-05T18:15:00Z"), boundaries.get(5));
        for (int i = 1; i < boundaries.size(); i++) {
            assertEquals(Duration.ofDays(1), Duration.between(boundaries.get(i - 1), boundaries.get(i)));
        }
    }

    @Test
    void boundariesOfASingleDayAreItsStartAndEnd() {
        Window window = new Window(KOLKATA, day("2026-03-01"), day("2026-03-01"));
        assertEquals(List.of(window.start(), window.end()), window.boundaries(day("2026-03-01"), day("2026-03-01")));
    }

    @Test
    void boundariesMatchStartOfEachDay() {
        Window window = new Window(ADELAIDE, null, null);
        LocalDate first = day("2026-04-03");
        List<Instant> boundaries = window.boundaries(first, day("2026-04-07"));
        assertEquals(6, boundaries.size());
        for (int i = 0; i < boundaries.size(); i++) {
            assertEquals(window.startOf(first.plusDays(i)), boundaries.get(i));
        }
    }

    @Test
    void dayOfUsesTheWindowsZone() {
        Instant instant = instant("2026-02-28T18:30:00Z");
        assertEquals(day("2026-03-01"), new Window(KOLKATA, null, null).dayOf(instant));
        assertEquals(day("2026-02-28"), new Window(ZoneOffset.UTC, null, null).dayOf(instant));
        assertEquals(day("2026-02-28"), new Window(KOLKATA, null, null).dayOf(instant.minusNanos(1)));
    }

    @Test
    void dayOfInKathmanduChangesAtEighteenFifteenUtc() {
        Window window = new Window(KATHMANDU, null, null);
        assertEquals(day("2026-02-28"), window.dayOf(instant("2026-02-28T18:14:59Z")));
        assertEquals(day("2026-03-01"), window.dayOf(instant("2026-02-28T18:15:00Z")));
    }

    @Test
    void dayOfTheLastInstantBeforeEndIsTheLastDay() {
        Window window = new Window(NEW_YORK, day("2026-11-01"), day("2026-11-01"));
        assertEquals(day("2026-11-01"), window.dayOf(window.end().minusNanos(1)));
        assertEquals(day("2026-11-02"), window.dayOf(window.end()));
        assertEquals(day("2026-11-01"), window.dayOf(window.start()));
    }
}
