package io.annometrics.metrics.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counts of a window, summed over however many buckets it is read from: events and creations per
 * person, and corrections per (editor, author) pair. People are numbered as they are first seen, so
 * that adding a bucket costs array and hash lookups on numbers, not on names.
 */
public final class WindowTotals {

    private final NameIds names = new NameIds(256);
    private long[] events = new long[64];
    private long[] created = new long[64];
    /**
     * Corrections by editor and author number while at most {@link #DENSE_PEOPLE} people are known:
     * one array per editor, indexed by author. A year of a team of 200 sums some 100,000 stored pairs,
     * and array slots are far cheaper to add to than hash entries.
     */
    private long[][] byEditor = new long[0][];
    /** Corrections by {@code editor << 32 | author} once more people are known. */
    private PairCounts pairs;

    /** Most people for which corrections are counted in arrays (at most 512 x 512 counts). */
    static final int DENSE_PEOPLE = 512;

    /** The number of {@code name}, given on first sight. */
    public int person(String name) {
        int number = names.add(name);
        if (number == events.length) {
            events = Arrays.copyOf(events, number * 2);
            created = Arrays.copyOf(created, number * 2);
        }
        return number;
    }

    /** Adds events and creations of person {@code person}. */
    public void addActivity(int person, long eventCount, long createdCount) {
        events[person] += eventCount;
        created[person] += createdCount;
    }

    /** Adds corrections by person {@code editor} of person {@code author}'s work. */
    public void addCorrections(int editor, int author, long count) {
        if (pairs == null && names.size() > DENSE_PEOPLE) {
            pairs = new PairCounts();
            forEachDense(pairs::add);
            byEditor = null;
        }
        if (pairs != null) {
            pairs.add((long) editor << 32 | author, count);
            return;
        }
        if (editor >= byEditor.length) {
            byEditor = Arrays.copyOf(byEditor, Math.max(editor + 1, byEditor.length * 2));
        }
        long[] row = byEditor[editor];
        if (row == null || author >= row.length) {
            row = row == null ? new long[Math.max(author + 1, 16)] : Arrays.copyOf(row, Math.max(author + 1, row.length * 2));
            byEditor[editor] = row;
        }
        row[author] += count;
    }

    private void forEachDense(PairCounts.Visitor visitor) {
        for (int editor = 0; editor < byEditor.length; editor++) {
            long[] row = byEditor[editor];
            if (row != null) {
                for (int author = 0; author < row.length; author++) {
                    if (row[author] != 0) {
                        visitor.visit((long) editor << 32 | author, row[author]);
                    }
                }
            }
        }
    }

    /** Creations per person who created anything. */
    public Map<String, Long> createdPerUser() {
        Map<String, Long> result = new HashMap<>();
        for (int p = 0; p < names.size(); p++) {
            if (created[p] > 0) {
                result.put(names.name(p), created[p]);
            }
        }
        return result;
    }

    /** Everyone with at least one event. */
    public Set<String> actors() {
        Set<String> result = new HashSet<>();
        for (int p = 0; p < names.size(); p++) {
            if (events[p] > 0) {
                result.add(names.name(p));
            }
        }
        return result;
    }

    /** The pairs with a positive count, in no particular order. */
    public List<CorrectionPair> corrections() {
        List<CorrectionPair> result = new ArrayList<>();
        PairCounts.Visitor collect = (key, count) -> {
            if (count > 0) {
                result.add(new CorrectionPair(names.name((int) (key >>> 32)), names.name((int) key), count));
            }
        };
        if (pairs != null) {
            pairs.forEach(collect);
        } else {
            forEachDense(collect);
        }
        return result;
    }

    /** Counts by a non-negative long key: open addressing with linear probing, no boxing. */
    private static final class PairCounts {
        private static final long EMPTY = -1;
        private long[] keys = filled(256);
        private long[] values = new long[256];
        private int size;

        interface Visitor {
            void visit(long key, long value);
        }

        void add(long key, long value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            for (int i = slot(key, mask);; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    values[i] += value;
                    return;
                }
                if (keys[i] == EMPTY) {
                    keys[i] = key;
                    values[i] = value;
                    size++;
                    return;
                }
            }
        }

        void forEach(Visitor visitor) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != EMPTY) {
                    visitor.visit(keys[i], values[i]);
                }
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = filled(oldKeys.length * 2);
            values = new long[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    add(oldKeys[i], oldValues[i]);
                }
            }
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E37_79B9_7F4A_7C15L;
            return (int) (h >>> 40) & mask;
        }

        private static long[] filled(int length) {
            long[] array = new long[length];
            Arrays.fill(array, EMPTY);
            return array;
        }
    }
}
