package io.annometrics.event.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written reading of occurredAt agrees with {@link OffsetDateTime#parse} on every text. */
class OffsetTimestampsTest {

    @Test
    void readsTheShapesProducersSendByHand() {
        for (String text : List.of("2026-03-01T09:30:00+05:30", "2026-03-01T04:00:00Z", "2026-03-01t04:00:00z",
                "2026-03-01T09:30Z", "2024-02-29T23:59:59.999999999-12:00", "2026-03-01T09:30:00.5+14:00",
                "2026-03-01T09:30:00.250-00:00", "0001-01-01T00:00:00+18:00", "1969-12-31T23:59:59.000001Z")) {
            assertNotNull(OffsetTimestamps.readCommonShape(text), text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), OffsetTimestamps.parse(text), text);
        }
    }

    @Test
    void leavesEverythingElseToTheFormatter() {
        // Valid, but not the common shape: the formatter reads them.
        for (String text : List.of("2026-03-01T09:30:00+05:30:15", "+12026-03-01T09:30:00Z", "2026-03-01T09:30:00.Z")) {
            assertNull(OffsetTimestamps.readCommonShape(text), text);
            assertEquals(OffsetDateTime.parse(text).toInstant(), OffsetTimestamps.parse(text), text);
        }
        // Not valid: the formatter's exception, whatever the shape.
        for (String text : List.of("2026-02-30T09:30:00Z", "2026-13-01T09:30:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T09:60:00Z", "2026-03-01T09:30:60Z", "2026-03-01T09:30:00.1234567890Z",
                "2026-03-01T09:30:00+19:00", "2026-03-01T09:30:00+05:60", "2026-03-01T09:30:00", "2026-03-01 09:30:00Z",
                "2026-03-01T09:30:00+0530", "2026-3-01T09:30:00Z", "2026-03-01T09:30:00ZZ", "2026-03-01T9:30:00Z", "")) {
            assertNull(OffsetTimestamps.readCommonShape(text), text);
            assertThrows(DateTimeParseException.class, () -> OffsetTimestamps.parse(text), text);
        }
    }

    @Test
    void agreesWithTheFormatterOnRandomTexts() {
        Random random = new Random(7);
        String digitsAndSigns = "0123456789+-:.TZ";
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 10_000_000_000L), random.nextInt(1_000_000_000));
            int offsetMinutes = (random.nextInt(37) - 18) * 60 + (random.nextBoolean() ? 0 : random.nextInt(4) * 15);
            offsetMinutes = Math.max(-18 * 60, Math.min(18 * 60, offsetMinutes));
            String text = instant.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            if (random.nextInt(4) == 0) {
                // Damage one character: both readers must still agree.
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = digitsAndSigns.charAt(random.nextInt(digitsAndSigns.length()));
                text = new String(chars);
            }
            assertSameAnswer(text);
        }
    }

    private static void assertSameAnswer(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> OffsetTimestamps.parse(text), text);
            return;
        }
        assertEquals(expected, OffsetTimestamps.parse(text), text);
    }
}
