package io.annometrics.metrics.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.UserCount;

/** Bars and matrices built from correction pairs. Pure functions. */
public final class CorrectionViews {

    private CorrectionViews() {
    }

    /**
     * Name of the one entry that stands for everyone beyond a view's limit of people: their counts
     * summed. Parentheses keep it apart from SSO user names.
     */
    public static final String OTHERS = "(others)";

    /** Bars sorted by count descending, then user; users with a count of 0 are left out. */
    public static List<UserCount> ranking(Map<String, Long> counts) {
        return ranking(counts, Integer.MAX_VALUE);
    }

    /** As {@link #ranking(Map)}, listing at most {@code limit} people and then one {@link #OTHERS} entry. */
    public static List<UserCount> ranking(Map<String, Long> counts, int limit) {
        String[] names = new String[counts.size()];
        long[] values = new long[counts.size()];
        int[] ids = new int[counts.size()];
        int length = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            long value = entry.getValue();
            if (value > 0) {
                names[length] = entry.getKey();
                values[length] = value;
                ids[length] = length;
                length++;
            }
        }
        return bars(byCountThenName(ids, length, values, names), values, names, limit);
    }

    /** Corrections each editor made to other people's annotations, as bars. */
    public static List<UserCount> reworks(Collection<CorrectionPair> pairs) {
        return reworks(pairs, Integer.MAX_VALUE);
    }

    /** As {@link #reworks(Collection)}, listing at most {@code limit} people and then {@link #OTHERS}. */
    public static List<UserCount> reworks(Collection<CorrectionPair> pairs, int limit) {
        // Only editors matter here: authors' names are not even looked at.
        NameIds people = new NameIds(64);
        long[] made = new long[64];
        for (CorrectionPair pair : pairs) {
            int editor = people.add(pair.editor());
            if (editor == made.length) {
                made = Arrays.copyOf(made, made.length * 2);
            }
            made[editor] += pair.count();
        }
        int[] editors = new int[people.size()];
        int length = 0;
        for (int id = 0; id < people.size(); id++) {
            if (made[id] > 0) {
                editors[length++] = id;
            }
        }
        return bars(byCountThenName(editors, length, made, people.names()), made, people.names(), limit);
    }

    /**
     * Rows: {@code creators} and every corrected author; columns: every editor. Rows by corrections
     * received, columns by corrections made, each descending and then by name.
     */
    public static CorrectionHeatmap heatmap(Collection<String> creators, Collection<CorrectionPair> pairs) {
        return heatmap(creators, pairs, Integer.MAX_VALUE);
    }

    /**
     * As {@link #heatmap(Collection, Collection)} with at most {@code limit} rows and columns of people;
     * the rest are summed into one {@link #OTHERS} row and column, so that the matrix stays small.
     */
    public static CorrectionHeatmap heatmap(Collection<String> creators, Collection<CorrectionPair> pairs, int limit) {
        IndexedPairs indexed = IndexedPairs.of(pairs, creators.size());
        NameIds people = indexed.people;
        int[] creatorIds = new int[creators.size()];
        int creatorCount = 0;
        for (String creator : creators) {
            creatorIds[creatorCount++] = people.add(creator);
        }
        // Ids of creators and pairs are all known now: the per-person arrays cover everyone.
        long[] received = indexed.receivedById();
        long[] made = indexed.madeById();
        boolean[] isAnnotator = new boolean[people.size()];
        boolean[] isEditor = new boolean[people.size()];
        for (int i = 0; i < creatorCount; i++) {
            isAnnotator[creatorIds[i]] = true;
        }
        for (int i = 0; i < indexed.size; i++) {
            isAnnotator[indexed.author[i]] = true;
            isEditor[indexed.editor[i]] = true;
        }
        String[] names = people.names();
        Capped rows = Capped.of(byCountThenName(idsWhere(isAnnotator), received, names), names, people.size(), limit);
        Capped columns = Capped.of(byCountThenName(idsWhere(isEditor), made, names), names, people.size(), limit);
        long[][] cells = new long[rows.users.size()][columns.users.size()];
        for (int i = 0; i < indexed.size; i++) {
            cells[rows.position[indexed.author[i]]][columns.position[indexed.editor[i]]] += indexed.count[i];
        }
        return new CorrectionHeatmap(rows.users, columns.users, toLists(cells));
    }

    /** Everyone with a correction in either direction; matrix[i][j] = corrections by i of j's work. */
    public static CorrectionChord chord(Collection<CorrectionPair> pairs) {
        return chord(pairs, Integer.MAX_VALUE);
    }

    /** As {@link #chord(Collection)} with at most {@code limit} people, the rest summed into {@link #OTHERS}. */
    public static CorrectionChord chord(Collection<CorrectionPair> pairs, int limit) {
        IndexedPairs indexed = IndexedPairs.of(pairs, 0);
        int people = indexed.people.size();
        long[] totals = new long[people];
        for (int i = 0; i < indexed.size; i++) {
            totals[indexed.editor[i]] += indexed.count[i];
            totals[indexed.author[i]] += indexed.count[i];
        }
        int[] everyone = new int[people];
        for (int id = 0; id < people; id++) {
            everyone[id] = id;
        }
        String[] names = indexed.people.names();
        Capped users = Capped.of(byCountThenName(everyone, people, totals, names), names, people, limit);
        int size = users.users.size();
        long[][] matrix = new long[size][size];
        // totals[i] = row i's sum plus column i's sum, a diagonal cell counting twice.
        long[] userTotals = new long[size];
        for (int i = 0; i < indexed.size; i++) {
            int editor = users.position[indexed.editor[i]];
            int author = users.position[indexed.author[i]];
            matrix[editor][author] += indexed.count[i];
            userTotals[editor] += indexed.count[i];
            userTotals[author] += indexed.count[i];
        }
        List<Integer> totalList = new ArrayList<>(size);
        for (long total : userTotals) {
            totalList.add(Math.toIntExact(total));
        }
        return new CorrectionChord(users.users, toLists(matrix), totalList);
    }

    /**
     * A view's people in display order, cut at the limit: the first {@code limit} of them, then
     * {@link #OTHERS} if any were left out; and each person's row or column in it.
     */
    private static final class Capped {

        /** The labels: names, then possibly {@link #OTHERS}. */
        final List<String> users;
        /** Index into {@link #users} by person id; people left out point to {@link #OTHERS}. */
        final int[] position;

        private Capped(List<String> users, int[] position) {
            this.users = users;
            this.position = position;
        }

        /**
         * @param ordered the ids in display order
         * @param names names by id
         * @param idCount number of ids (size of {@link #position})
         * @param limit how many people to list before {@link #OTHERS}
         */
        static Capped of(int[] ordered, String[] names, int idCount, int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative, got " + limit);
            }
            boolean cut = ordered.length > limit;
            int kept = cut ? limit : ordered.length;
            List<String> users = new ArrayList<>(kept + 1);
            int[] position = new int[idCount];
            for (int i = 0; i < kept; i++) {
                users.add(names[ordered[i]]);
                position[ordered[i]] = i;
            }
            if (cut) {
                users.add(OTHERS);
                for (int i = kept; i < ordered.length; i++) {
                    position[ordered[i]] = kept;
                }
                // Labels are looked up by name, so someone actually called "(others)" shares the last entry.
                for (int i = 0; i < kept; i++) {
                    if (OTHERS.equals(names[ordered[i]])) {
                        position[ordered[i]] = kept;
                    }
                }
            }
            return new Capped(users, position);
        }
    }

    /** Bars for {@code ordered} (ids), at most {@code limit} of them, the rest summed into {@link #OTHERS}. */
    private static List<UserCount> bars(int[] ordered, long[] counts, String[] names, int limit) {
        List<UserCount> bars = new ArrayList<>(Math.max(0, Math.min(ordered.length, limit)) + 1);
        long others = 0;
        for (int i = 0; i < ordered.length; i++) {
            if (i < limit) {
                bars.add(new UserCount(names[ordered[i]], Math.toIntExact(counts[ordered[i]])));
            } else {
                others += counts[ordered[i]];
            }
        }
        if (ordered.length > limit) {
            bars.add(new UserCount(OTHERS, Math.toIntExact(others)));
        }
        return bars;
    }

    /** Corrections made, by editor. */
    public static Map<String, Long> made(Collection<CorrectionPair> pairs) {
        Map<String, Long> made = new HashMap<>();
        pairs.forEach(p -> made.merge(p.editor(), p.count(), Long::sum));
        return made;
    }

    /** Corrections received, by author. */
    public static Map<String, Long> received(Collection<CorrectionPair> pairs) {
        Map<String, Long> received = new HashMap<>();
        pairs.forEach(p -> received.merge(p.author(), p.count(), Long::sum));
        return received;
    }

    /** The ids whose flag is set, ascending. */
    private static int[] idsWhere(boolean[] flags) {
        int[] ids = new int[flags.length];
        int length = 0;
        for (int id = 0; id < flags.length; id++) {
            if (flags[id]) {
                ids[length++] = id;
            }
        }
        return Arrays.copyOf(ids, length);
    }

    private static int[] byCountThenName(int[] ids, long[] counts, String[] names) {
        return byCountThenName(ids, ids.length, counts, names);
    }

    /**
     * The first {@code length} of {@code ids} ordered by {@code counts[id]} descending, then by
     * {@code names[id]} in String order. Names are distinct, so the order is total and any correct sort gives
     * the same result; this one is a merge sort on the ids themselves, without boxing them.
     */
    private static int[] byCountThenName(int[] ids, int length, long[] counts, String[] names) {
        int[] ordered = Arrays.copyOf(ids, length);
        mergeSort(ordered, Arrays.copyOf(ids, length), 0, length, counts, names);
        return ordered;
    }

    /** Sorts {@code ids[from, to)}, using the same range of {@code buffer} (which starts equal) as scratch. */
    private static void mergeSort(int[] ids, int[] buffer, int from, int to, long[] counts, String[] names) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int id = ids[i];
                int j = i - 1;
                for (; j >= from && before(id, ids[j], counts, names); j--) {
                    ids[j + 1] = ids[j];
                }
                ids[j + 1] = id;
            }
            return;
        }
        // Sort both halves of buffer (using ids as scratch), then merge them into ids.
        int middle = (from + to) >>> 1;
        mergeSort(buffer, ids, from, middle, counts, names);
        mergeSort(buffer, ids, middle, to, counts, names);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && !before(buffer[right], buffer[left], counts, names))) {
                ids[i] = buffer[left++];
            } else {
                ids[i] = buffer[right++];
            }
        }
    }

    /** Whether {@code a} comes before {@code b}: larger count first, then smaller name. */
    private static boolean before(int a, int b, long[] counts, String[] names) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : names[a].compareTo(names[b]) < 0;
    }

    private static List<List<Integer>> toLists(long[][] cells) {
        List<List<Integer>> rows = new ArrayList<>(cells.length);
        for (long[] row : cells) {
            List<Integer> values = new ArrayList<>(row.length);
            for (long cell : row) {
                values.add(Math.toIntExact(cell));
            }
            rows.add(values);
        }
        return rows;
    }
}
