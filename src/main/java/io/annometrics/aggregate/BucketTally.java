package io.annometrics.aggregate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the views need from one bucket (a 15-minute slot, a UTC day or a UTC month) of one
 * project, as stored in one row of the {@code tally} table (migration V4): the events and creations of
 * each actor, and the corrections of each (editor, author) pair.
 *
 * <p>The stored form is three columns: {@code people}, the names the bucket mentions, and two byte
 * strings of big-endian 32-bit integers that refer to them by position (from 0):
 * {@code activity} holds (person, events, created) triples and {@code corrections} (editor, author,
 * count) triples. One row per bucket instead of one row per actor or pair keeps a year's answer to a few
 * dozen rows, read by a few index range scans; a month with 10,000 pairs is about 120 kB, stored out of
 * line and uncompressed.
 *
 * <p>An instance is the mutable form used by ingestion: {@link #decode}, add changes, {@link #encode}.
 * Views do not build instances; they stream the stored form through {@link #read}.
 */
public final class BucketTally {

    /** Bytes per stored triple. */
    public static final int TRIPLE_BYTES = 12;

    /** Receives the content of a stored bucket, people by their position in the bucket's name list. */
    public interface Reader {
        void activity(int person, int events, int created);

        void correction(int editor, int author, int count);
    }

    /** The stored form. */
    public record Stored(String[] people, byte[] activity, byte[] corrections) {
    }

    private final List<String> people = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private long[] events = new long[16];
    private long[] created = new long[16];
    /** Corrections by {@code editor << 32 | author} (positions). */
    private final Map<Long, Long> corrections = new HashMap<>();

    /** A bucket with nothing in it. */
    public BucketTally() {
    }

    /** The mutable form of a stored bucket. */
    public static BucketTally decode(Stored stored) {
        BucketTally tally = new BucketTally();
        for (String person : stored.people()) {
            tally.position(person);
        }
        read(stored, new Reader() {
            @Override
            public void activity(int person, int events, int created) {
                tally.events[person] += events;
                tally.created[person] += created;
            }

            @Override
            public void correction(int editor, int author, int count) {
                tally.corrections.merge(pairKey(editor, author), (long) count, Long::sum);
            }
        });
        return tally;
    }

    /**
     * Streams a stored bucket into {@code reader}.
     *
     * @throws IllegalArgumentException when the stored form is malformed
     */
    public static void read(Stored stored, Reader reader) {
        int people = stored.people().length;
        ByteBuffer activity = triples(stored.activity(), "activity");
        while (activity.hasRemaining()) {
            reader.activity(checked(activity.getInt(), people), activity.getInt(), activity.getInt());
        }
        ByteBuffer corrections = triples(stored.corrections(), "corrections");
        while (corrections.hasRemaining()) {
            reader.correction(checked(corrections.getInt(), people), checked(corrections.getInt(), people), corrections.getInt());
        }
    }

    /** Adds events and creations of {@code actor}. */
    public void addActivity(String actor, long eventCount, long createdCount) {
        int person = position(actor);
        events[person] += eventCount;
        created[person] += createdCount;
    }

    /** Adds {@code count} (possibly negative) corrections of {@code author}'s work by {@code editor}. */
    public void addCorrections(String editor, String author, long count) {
        corrections.merge(pairKey(position(editor), position(author)), count, Long::sum);
    }

    /** Adds everything {@code other} counts to this bucket; answers this bucket. */
    public BucketTally plus(BucketTally other) {
        for (int p = 0; p < other.people.size(); p++) {
            if (other.events[p] != 0 || other.created[p] != 0) {
                addActivity(other.people.get(p), other.events[p], other.created[p]);
            }
        }
        other.corrections.forEach((key, count) -> addCorrections(other.people.get((int) (key >>> 32)),
                other.people.get((int) (long) key), count));
        return this;
    }

    /**
     * The stored form: people sorted by name, only those with events or corrections, and only non-zero
     * triples, so that the same content always has the same bytes.
     *
     * @throws ArithmeticException when a count does not fit in 32 bits
     */
    public Stored encode() {
        int n = people.size();
        boolean[] mentioned = new boolean[n];
        int activityEntries = 0;
        for (int p = 0; p < n; p++) {
            if (events[p] != 0 || created[p] != 0) {
                mentioned[p] = true;
                activityEntries++;
            }
        }
        List<long[]> pairs = new ArrayList<>();
        corrections.forEach((key, count) -> {
            if (count != 0) {
                pairs.add(new long[] { key >>> 32, key & 0xFFFF_FFFFL, count });
            }
        });
        for (long[] pair : pairs) {
            mentioned[(int) pair[0]] = true;
            mentioned[(int) pair[1]] = true;
        }
        Integer[] order = new Integer[n];
        for (int p = 0; p < n; p++) {
            order[p] = p;
        }
        Arrays.sort(order, (x, y) -> people.get(x).compareTo(people.get(y)));
        int[] newPosition = new int[n];
        List<String> names = new ArrayList<>();
        for (int p : order) {
            if (mentioned[p]) {
                newPosition[p] = names.size();
                names.add(people.get(p));
            }
        }
        ByteBuffer activity = ByteBuffer.allocate(activityEntries * TRIPLE_BYTES);
        for (int p : order) {
            if (events[p] != 0 || created[p] != 0) {
                activity.putInt(newPosition[p]).putInt(Math.toIntExact(events[p])).putInt(Math.toIntExact(created[p]));
            }
        }
        long[][] sorted = pairs.stream()
                .map(pair -> new long[] { newPosition[(int) pair[0]], newPosition[(int) pair[1]], pair[2] })
                .sorted((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]))
                .toArray(long[][]::new);
        ByteBuffer bytes = ByteBuffer.allocate(sorted.length * TRIPLE_BYTES);
        for (long[] pair : sorted) {
            bytes.putInt((int) pair[0]).putInt((int) pair[1]).putInt(Math.toIntExact(pair[2]));
        }
        return new Stored(names.toArray(String[]::new), activity.array(), bytes.array());
    }

    /** Whether the bucket counts nothing at all. */
    public boolean isEmpty() {
        return encode().people().length == 0;
    }

    private int position(String person) {
        Integer known = positions.get(person);
        if (known != null) {
            return known;
        }
        int position = people.size();
        people.add(person);
        positions.put(person, position);
        if (position == events.length) {
            events = Arrays.copyOf(events, position * 2);
            created = Arrays.copyOf(created, position * 2);
        }
        return position;
    }

    private static long pairKey(int editor, int author) {
        return (long) editor << 32 | author;
    }

    private static ByteBuffer triples(byte[] bytes, String column) {
        if (bytes.length % TRIPLE_BYTES != 0) {
            throw new IllegalArgumentException("tally." + column + " holds " + bytes.length + " bytes, not a multiple of "
                    + TRIPLE_BYTES);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static int checked(int person, int people) {
        if (person < 0 || person >= people) {
            throw new IllegalArgumentException("a tally refers to person " + person + " of " + people);
        }
        return person;
    }
}
