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

    /** Bars sorted by count descending, then user; users with a count of 0 are left out. */
    public static List<UserCount> ranking(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new UserCount(e.getKey(), Math.toIntExact(e.getValue())))
                .toList();
    }

    /** Corrections each editor made to other people's annotations, as bars. */
    public static List<UserCount> reworks(Collection<CorrectionPair> pairs) {
        return ranking(made(pairs));
    }

    /**
     * Rows: {@code creators} and every corrected author; columns: every editor. Rows by corrections
     * received, columns by corrections made, each descending and then by name.
     */
    public static CorrectionHeatmap heatmap(Collection<String> creators, Collection<CorrectionPair> pairs) {
        Map<String, Long> received = received(pairs);
        Set<String> annotators = new HashSet<>(creators);
        annotators.addAll(received.keySet());
        List<String> rows = byCountThenName(annotators, received);
        List<String> columns = byCountThenName(made(pairs).keySet(), made(pairs));
        Map<String, Integer> rowIndex = indexOf(rows);
        Map<String, Integer> columnIndex = indexOf(columns);
        long[][] cells = new long[rows.size()][columns.size()];
        for (CorrectionPair pair : pairs) {
            cells[rowIndex.get(pair.author())][columnIndex.get(pair.editor())] += pair.count();
        }
        return new CorrectionHeatmap(rows, columns, toLists(cells));
    }

    /** Everyone with a correction in either direction; matrix[i][j] = corrections by i of j's work. */
    public static CorrectionChord chord(Collection<CorrectionPair> pairs) {
        Map<String, Long> totals = new HashMap<>();
        for (CorrectionPair pair : pairs) {
            totals.merge(pair.editor(), pair.count(), Long::sum);
            totals.merge(pair.author(), pair.count(), Long::sum);
        }
        List<String> users = byCountThenName(totals.keySet(), totals);
        Map<String, Integer> index = indexOf(users);
        long[][] matrix = new long[users.size()][users.size()];
        for (CorrectionPair pair : pairs) {
            matrix[index.get(pair.editor())][index.get(pair.author())] += pair.count();
        }
        List<Integer> totalList = users.stream().map(u -> Math.toIntExact(totals.get(u))).toList();
        return new CorrectionChord(users, toLists(matrix), totalList);
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
