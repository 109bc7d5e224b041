package io.annometrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class BucketTallyTest {

    @Test
    void theStoredFormNamesPeopleInNameOrderAndRefersToThemByPosition() {
        BucketTally tally = new BucketTally();
        tally.addActivity("zoe", 3, 1);
        tally.addActivity("ann", 2, 2);
        tally.addCorrections("zoe", "bob", 4);

        BucketTally.Stored stored = tally.encode();

        assertArrayEquals(new String[] { "ann", "bob", "zoe" }, stored.people());
        assertArrayEquals(ints(0, 2, 2, 2, 3, 1), stored.activity());
        assertArrayEquals(ints(2, 1, 4), stored.corrections());
    }

    @Test
    void decodingAddingAndEncodingAgainSumsTheCounts() {
        BucketTally first = new BucketTally();
        first.addActivity("ann", 2, 1);
        first.addCorrections("rev", "ann", 2);
        BucketTally change = new BucketTally();
        change.addActivity("rev", 5, 0);
        change.addActivity("ann", 1, 1);
        change.addCorrections("rev", "ann", 1);
        change.addCorrections("ann", "rev", 1);

        BucketTally.Stored stored = BucketTally.decode(first.encode()).plus(change).encode();

        assertEquals(Map.of("ann events", 3L, "ann created", 2L, "rev events", 5L, "rev>ann", 3L, "ann>rev", 1L), contents(stored));
    }

    @Test
    void countsThatCancelOutLeaveNoTraceNotEvenTheName() {
        BucketTally tally = new BucketTally();
        tally.addActivity("rev", 1, 0);
        tally.addCorrections("rev", "old-author", 1);
        BucketTally.Stored moved = BucketTally.decode(tally.encode()).plus(moveTo("rev", "old-author", "new-author")).encode();

        assertArrayEquals(new String[] { "new-author", "rev" }, moved.people());
        assertEquals(Map.of("rev events", 1L, "rev>new-author", 1L), contents(moved));
        assertTrue(new BucketTally().isEmpty());
    }

    @Test
    void aMalformedRowIsRefusedRatherThanMisread() {
        BucketTally.Stored truncated = new BucketTally.Stored(new String[] { "ann" }, new byte[7], new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> BucketTally.decode(truncated));
        BucketTally.Stored outOfRange = new BucketTally.Stored(new String[] { "ann" }, ints(1, 1, 0), new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> BucketTally.decode(outOfRange));
    }

    @Test
    void bucketsAreUtcSlotsDaysAndMonths() {
        Instant at = Instant.parse("2026-03-31T23:59:59.999Z");
        assertEquals(Instant.parse("2026-03-31T23:45:00Z"), TallyLevel.SLOT.bucketOf(at));
        assertEquals(Instant.parse("2026-03-31T00:00:00Z"), TallyLevel.DAY.bucketOf(at));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), TallyLevel.MONTH.bucketOf(at));
        assertEquals(Instant.parse("1969-12-31T23:45:00Z"), TallyLevel.SLOT.bucketOf(Instant.ofEpochSecond(-1)));
        assertEquals(Instant.parse("1969-12-31T00:00:00Z"), TallyLevel.DAY.bucketOf(Instant.ofEpochSecond(-1)));
        assertEquals(Instant.parse("1969-12-01T00:00:00Z"), TallyLevel.MONTH.bucketOf(Instant.ofEpochSecond(-1)));
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"), TallyLevel.MONTH.bucketOf(Instant.parse("2024-02-29T23:59:59.999Z")));
    }

    private static BucketTally moveTo(String editor, String from, String to) {
        BucketTally move = new BucketTally();
        move.addCorrections(editor, from, -1);
        move.addCorrections(editor, to, 1);
        return move;
    }

    private static Map<String, Long> contents(BucketTally.Stored stored) {
        Map<String, Long> contents = new TreeMap<>();
        String[] people = stored.people();
        BucketTally.read(stored, new BucketTally.Reader() {
            @Override
            public void activity(int person, int events, int created) {
                contents.put(people[person] + " events", (long) events);
                if (created != 0) {
                    contents.put(people[person] + " created", (long) created);
                }
            }

            @Override
            public void correction(int editor, int author, int count) {
                contents.put(people[editor] + ">" + people[author], (long) count);
            }
        });
        return contents;
    }

    private static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }
}
