package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.UserCount;

/**
 * The views on larger random inputs (many ties, repeated pairs, capped and uncapped) agree with a direct,
 * map-based reading of their definitions.
 */
class CorrectionViewsReferenceTest {

    private static final int[] LIMITS = {0, 1, 7, 40, Integer.MAX_VALUE};

    @Test
    void viewsMatchTheirDefinitionOnRandomInputs() {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            int people = 1 + random.nextInt(round < 20 ? 30 : 300);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                names.add((random.nextBoolean() ? "U" : "u") + random.nextInt(1000) + "-" + i);
            }
            List<CorrectionPair> pairs = new ArrayList<>();
            int pairCount = random.nextInt(people * 8 + 1);
            for (int i = 0; i < pairCount; i++) {
                String editor = names.get(random.nextInt(people));
                String author = names.get(random.nextInt(people));
                if (!editor.equals(author)) {
                    pairs.add(new CorrectionPair(editor, author, 1 + random.nextInt(random.nextBoolean() ? 3 : 50)));
                }
            }
            List<String> creators = new ArrayList<>(names.subList(0, random.nextInt(people + 1)));
            creators.add("idle-" + round);
            Map<String, Long> created = new HashMap<>();
            creators.forEach(c -> created.put(c, (long) random.nextInt(4)));

            for (int limit : LIMITS) {
                String context = "round " + round + ", limit " + limit;
                assertEquals(referenceRanking(CorrectionViews.made(pairs), limit), CorrectionViews.reworks(pairs, limit),
                        context);
                assertEquals(referenceRanking(created, limit), CorrectionViews.ranking(created, limit), context);
                assertEquals(referenceHeatmap(creators, pairs, limit), CorrectionViews.heatmap(creators, pairs, limit),
                        context);
                assertEquals(referenceChord(pairs, limit), CorrectionViews.chord(pairs, limit), context);
            }
        }
    }

    private static List<String> byCountThenName(Collection<String> users, Map<String, Long> counts) {
        return users.stream()
                .sorted(Comparator.<String> comparingLong(u -> counts.getOrDefault(u, 0L)).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static List<String> capped(List<String> ordered, int limit) {
        if (ordered.size() <= limit) {
            return ordered;
        }
        List<String> kept = new ArrayList<>(ordered.subList(0, limit));
        kept.add(CorrectionViews.OTHERS);
        return kept;
    }

    private static int position(List<String> users, String user) {
        int position = users.indexOf(user);
        return position >= 0 ? position : users.size() - 1;
    }

    private static List<UserCount> referenceRanking(Map<String, Long> counts, int limit) {
        Map<String, Long> positive = new HashMap<>();
        counts.forEach((user, count) -> {
            if (count > 0) {
                positive.put(user, count);
            }
        });
        List<String> ordered = byCountThenName(positive.keySet(), positive);
        List<UserCount> bars = new ArrayList<>();
        long others = 0;
        for (int i = 0; i < ordered.size(); i++) {
            if (i < limit) {
                bars.add(new UserCount(ordered.get(i), Math.toIntExact(positive.get(ordered.get(i)))));
            } else {
                others += positive.get(ordered.get(i));
            }
        }
        if (ordered.size() > limit) {
            bars.add(new UserCount(CorrectionViews.OTHERS, Math.toIntExact(others)));
        }
        return bars;
    }

    private static CorrectionHeatmap referenceHeatmap(List<String> creators, List<CorrectionPair> pairs, int limit) {
        Map<String, Long> received = CorrectionViews.received(pairs);
        Map<String, Long> made = CorrectionViews.made(pairs);
        Set<String> annotators = new HashSet<>(creators);
        annotators.addAll(received.keySet());
        List<String> rows = capped(byCountThenName(annotators, received), limit);
        List<String> columns = capped(byCountThenName(made.keySet(), made), limit);
        List<List<Integer>> counts = zeros(rows.size(), columns.size());
        for (CorrectionPair pair : pairs) {
            add(counts, position(rows, pair.author()), position(columns, pair.editor()), pair.count());
        }
        return new CorrectionHeatmap(rows, columns, counts);
    }

    private static CorrectionChord referenceChord(List<CorrectionPair> pairs, int limit) {
        Map<String, Long> totals = new HashMap<>();
        for (CorrectionPair pair : pairs) {
            totals.merge(pair.editor(), pair.count(), Long::sum);
            totals.merge(pair.author(), pair.count(), Long::sum);
        }
        List<String> users = capped(byCountThenName(totals.keySet(), totals), limit);
        List<List<Integer>> matrix = zeros(users.size(), users.size());
        List<Integer> userTotals = new ArrayList<>(Collections.nCopies(users.size(), 0));
        for (CorrectionPair pair : pairs) {
            int editor = position(users, pair.editor());
            int author = position(users, pair.author());
            add(matrix, editor, author, pair.count());
            userTotals.set(editor, userTotals.get(editor) + (int) pair.count());
            userTotals.set(author, userTotals.get(author) + (int) pair.count());
        }
        return new CorrectionChord(users, matrix, userTotals);
    }

    private static List<List<Integer>> zeros(int rows, int columns) {
        List<List<Integer>> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(new ArrayList<>(Collections.nCopies(columns, 0)));
        }
        return cells;
    }

    private static void add(List<List<Integer>> cells, int row, int column, long count) {
        cells.get(row).set(column, cells.get(row).get(column) + (int) count);
    }
}
