package io.annometrics.event.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code occurredAt}: an ISO-8601 date-time with an offset, exactly as
 * {@link OffsetDateTime#parse(CharSequence)} reads it. The shape producers send
 * ({@code 2026-03-01T09:30:00.250+05:30}, {@code ...Z}) is read by hand, without the formatter's
 * allocations, which cost more than everything else about checking an event; any other text goes to
 * {@code OffsetDateTime.parse}, which decides and explains.
 */
public final class OffsetTimestamps {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000 };

    private OffsetTimestamps() {
    }

    /**
     * @throws DateTimeParseException as {@code OffsetDateTime.parse} would
     */
    public static Instant parse(String text) {
        Instant instant = readCommonShape(text);
        return instant != null ? instant : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} then {@code Z} or {@code ±HH:MM}, with valid fields; null for
     * anything else, valid or not.
     */
    static Instant readCommonShape(String s) {
        int n = s.length();
        if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int nano = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, 17, 2);
            i = 19;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                    nano = nano * 10 + (s.charAt(i) - '0');
                    i++;
                }
                int length = i - start;
                if (length == 0 || (i < n && isDigit(s.charAt(i)))) {
                    return null;
                }
                nano *= POWERS_OF_TEN[9 - length];
            }
        }
        int offsetSeconds = offsetSeconds(s, i);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nano);
    }

    /** The offset that starts at {@code i} and ends the text, in seconds; {@code Integer.MIN_VALUE} if none. */
    private static int offsetSeconds(String s, int i) {
        int n = s.length();
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            return 0;
        }
        if (i != n - 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if (hours < 0 || minutes < 0 || minutes > 59 || hours > 18 || (hours == 18 && minutes > 0)) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return s.charAt(i) == '-' ? -seconds : seconds;
    }

    /** The number written with {@code count} digits from {@code from}; -1 unless all are digits. */
    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
