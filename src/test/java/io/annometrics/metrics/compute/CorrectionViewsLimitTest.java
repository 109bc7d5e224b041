package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.UserCount;

/** Per-person views stay bounded: past the limit, everyone else is one "(others)" entry. */
class CorrectionViewsLimitTest {

    @Test
    void barsListTheLimitAndSumTheRestAsOthers() {
        List<UserCount> bars = CorrectionViews.ranking(Map.of("a", 5L, "b", 4L, "c", 3L, "d", 2L), 2);
        assertEquals(List.of(new UserCount("a", 5), new UserCount("b", 4), new UserCount(CorrectionViews.OTHERS, 5)), bars);
        assertEquals(4, CorrectionViews.ranking(Map.of("a", 5L, "b", 4L, "c", 3L, "d", 2L), 4).size(), "no others entry when all fit");
    }

    @Test
    void aHugeTeamGivesASmallHeatmapThatKeepsEveryCorrection() {
        List<CorrectionPair> pairs = new ArrayList<>();
        List<String> creators = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            creators.add("annotator-" + i);
            pairs.add(new CorrectionPair("editor-" + (i % 300), "annotator-" + i, 1 + i % 3));
        }
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(creators, pairs, 100);
        assertEquals(101, heatmap.annotators().size());
        assertEquals(101, heatmap.editors().size());
        assertEquals(CorrectionViews.OTHERS, heatmap.annotators().get(100));
        long total = heatmap.counts().stream().flatMap(List::stream).mapToLong(Integer::longValue).sum();
        assertEquals(pairs.stream().mapToLong(CorrectionPair::count).sum(), total);
    }

    @Test
    void theChordMergesTheRestIntoOthersAndItsTotalsStayRowPlusColumn() {
        List<CorrectionPair> pairs = List.of(new CorrectionPair("lead", "a", 10), new CorrectionPair("lead", "b", 3),
                new CorrectionPair("b", "c", 1), new CorrectionPair("c", "b", 1));
        CorrectionChord chord = CorrectionViews.chord(pairs, 2);
        assertEquals(List.of("lead", "a", CorrectionViews.OTHERS), chord.users());
        assertEquals(List.of(List.of(0, 10, 3), List.of(0, 0, 0), List.of(0, 0, 2)), chord.matrix());
        assertEquals(List.of(13, 10, 7), chord.totals());
    }
}
