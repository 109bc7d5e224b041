package io.annometrics.metrics.compute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<UserCount> bars = new ArrayList<>();
        long others = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < limit) {
                bars.add(new UserCount(sorted.get(i).getKey(), Math.toIntExact(sorted.get(i).getValue())));
            } else {
                others += sorted.get(i).getValue();
            }
        }
        if (sorted.size() > limit) {
            bars.add(new UserCount(OTHERS, Math.toIntExact(others)));
        }
        return bars;
    }

    /** Corrections each editor made to other people's annotations, as bars. */
    public static List<UserCount> reworks(Collection<CorrectionPair> pairs) {
        return reworks(pairs, Integer.MAX_VALUE);
    }

    /** As {@link #reworks(Collection)}, listing at most {@code limit} people and then {@link #OTHERS}. */
    public static List<UserCount> reworks(Collection<CorrectionPair> pairs, int limit) {
        return ranking(made(pairs), limit);
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
        Map<String, Long> received = received(pairs);
        Set<String> annotators = new HashSet<>(creators);
        annotators.addAll(received.keySet());
        List<String> rows = capped(byCountThenName(annotators, received), limit);
        List<String> columns = capped(byCountThenName(made(pairs).keySet(), made(pairs)), limit);
        Map<String, Integer> rowIndex = indexOf(rows);
        Map<String, Integer> columnIndex = indexOf(columns);
        long[][] cells = new long[rows.size()][columns.size()];
        for (CorrectionPair pair : pairs) {
            cells[position(rowIndex, pair.author())][position(columnIndex, pair.editor())] += pair.count();
        }
        return new CorrectionHeatmap(rows, columns, toLists(cells));
    }

    /** Everyone with a correction in either direction; matrix[i][j] = corrections by i of j's work. */
    public static CorrectionChord chord(Collection<CorrectionPair> pairs) {
        return chord(pairs, Integer.MAX_VALUE);
    }

    /** As {@link #chord(Collection)} with at most {@code limit} people, the rest summed into {@link #OTHERS}. */
    public static CorrectionChord chord(Collection<CorrectionPair> pairs, int limit) {
        Map<String, Long> totals = new HashMap<>();
        for (CorrectionPair pair : pairs) {
            totals.merge(pair.editor(), pair.count(), Long::sum);
            totals.merge(pair.author(), pair.count(), Long::sum);
        }
        List<String> users = capped(byCountThenName(totals.keySet(), totals), limit);
        Map<String, Integer> index = indexOf(users);
        long[][] matrix = new long[users.size()][users.size()];
        for (CorrectionPair pair : pairs) {
            matrix[position(index, pair.editor())][position(index, pair.author())] += pair.count();
        }
        List<Integer> totalList = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            long total = 0;
            for (int j = 0; j < users.size(); j++) {
                total += matrix[i][j] + matrix[j][i];
            }
            totalList.add(Math.toIntExact(total));
        }
        return new CorrectionChord(users, toLists(matrix), totalList);
    }

    /** The first {@code limit} of {@code ordered}, then {@link #OTHERS} if any were left out. */
    private static List<String> capped(List<String> ordered, int limit) {
        if (ordered.size() <= limit) {
            return ordered;
        }
        List<String> kept = new ArrayList<>(ordered.subList(0, limit));
        kept.add(OTHERS);
        return kept;
    }

    /** The index of {@code user}, or of {@link #OTHERS} when the user was left out. */
    private static int position(Map<String, Integer> index, String user) {
        Integer position = index.get(user);
        return position != null ? position : index.get(OTHERS);
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

    private static List<String> byCountThenName(Collection<String> users, Map<String, Long> counts) {
        return users.stream()
                .sorted(Comparator.<String> comparingLong(u -> counts.getOrDefault(u, 0L)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static Map<String, Integer> indexOf(List<String> users) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            index.put(users.get(i), i);
        }
        return index;
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
