package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.ActivityCalendar;
import io.annometrics.metrics.model.DayCount;

class CalendarsTest {

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static DayCount count(String day, int count) {
        return new DayCount(day(day), count);
    }

    @Test
    void everyDayFromFirstToLastHasAnEntryInDateOrder() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-01"), day("2026-03-04"), new long[] {3, 1, 4, 1});
        assertEquals(List.of(
                count("2026-03-01", 3),
                count("2026-03-02", 1),
                count("2026-03-03", 4),
                count("2026-03-04", 1)), calendar.days());
        assertEquals(9, calendar.total());
    }

    @Test
    void daysWithoutActivityAreIncludedWithZero() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-01"), day("2026-03-05"), new long[] {2, 0, 0, 5, 0});
        assertEquals(List.of(
                count("2026-03-01", 2),
                count("2026-03-02", 0),
                count("2026-03-03", 0),
                count("2026-03-04", 5),
                count("2026-03-05", 0)), calendar.days());
        assertEquals(7, calendar.total());
    }

    @Test
    void totalIsTheSumOfAllDays() {
        ActivityCalendar calendar = Calendars.fill(day("2026-01-01"), day("2026-01-10"),
                new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(55, calendar.total());
        assertEquals(calendar.total(), calendar.days().stream().mapToInt(DayCount::count).sum());
    }

    @Test
    void firstEqualToLastGivesASingleDay() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-01"), day("2026-03-01"), new long[] {7});
        assertEquals(List.of(count("2026-03-01", 7)), calendar.days());
        assertEquals(7, calendar.total());
    }

    @Test
    void missingCountsAtTheEndCountZero() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-01"), day("2026-03-04"), new long[] {6, 2});
        assertEquals(List.of(
                count("2026-03-01", 6),
                count("2026-03-02", 2),
                count("2026-03-03", 0),
                count("2026-03-04", 0)), calendar.days());
        assertEquals(8, calendar.total());
    }

    @Test
    void noCountsAtAllGiveAllZeroDays() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-01"), day("2026-03-03"), new long[0]);
        assertEquals(List.of(
                count("2026-03-01", 0),
                count("2026-03-02", 0),
                count("2026-03-03", 0)), calendar.days());
        assertEquals(0, calendar.total());
    }

    @Test
    void daysCrossMonthAndLeapDayBoundaries() {
        ActivityCalendar calendar = Calendars.fill(day("2024-02-28"), day("2024-03-01"), new long[] {1, 1, 1});
        assertEquals(List.of(
                count("2024-02-28", 1),
                count("2024-02-29", 1),
                count("2024-03-01", 1)), calendar.days());
        assertEquals(3, calendar.total());
    }

    @Test
    void aDaylightSavingDayIsStillOneEntry() {
        ActivityCalendar calendar = Calendars.fill(day("2026-03-07"), day("2026-03-09"), new long[] {1, 2, 3});
        assertEquals(3, calendar.days().size());
        assertEquals(count("2026-03-08", 2), calendar.days().get(1));
    }

    @Test
    void emptyHasNoDaysAndNoTotal() {
        ActivityCalendar calendar = Calendars.empty();
        assertEquals(0, calendar.total());
        assertEquals(List.of(), calendar.days());
    }
}
