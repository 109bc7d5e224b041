package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.CorrectionChord;
import io.annometrics.metrics.model.CorrectionHeatmap;
import io.annometrics.metrics.model.UserCount;

class CorrectionViewsTest {

    /** rachel and kevin review; marcus, aisha and jordan annotate; nobody corrects jordan. */
    private static final List<CorrectionPair> TEAM = List.of(
            new CorrectionPair("rachel", "marcus", 24),
            new CorrectionPair("rachel", "aisha", 15),
            new CorrectionPair("kevin", "marcus", 2),
            new CorrectionPair("kevin", "aisha", 1),
            new CorrectionPair("kevin", "rachel", 1));

    private static final List<String> TEAM_CREATORS = List.of("rachel", "marcus", "aisha", "jordan");

    private static int sumOfRow(List<List<Integer>> matrix, int row) {
        return matrix.get(row).stream().mapToInt(Integer::intValue).sum();
    }

    private static int sumOfColumn(List<List<Integer>> matrix, int column) {
        return matrix.stream().mapToInt(row -> row.get(column)).sum();
    }

    // ---- ranking ------------------------------------------------------------------------------------

    @Test
    void rankingSortsByCountDescendingThenByName() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("bob", 5L);
        counts.put("carol", 7L);
        counts.put("alice", 5L);
        counts.put("dave", 1L);
        assertEquals(List.of(
                new UserCount("carol", 7),
                new UserCount("alice", 5),
                new UserCount("bob", 5),
                new UserCount("dave", 1)), CorrectionViews.ranking(counts));
    }

    @Test
    void rankingLeavesOutZeroCounts() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("alice", 0L);
        counts.put("bob", 2L);
        counts.put("carol", 0L);
        assertEquals(List.of(new UserCount("bob", 2)), CorrectionViews.ranking(counts));
    }

    @Test
    void rankingOfNothingIsEmpty() {
        assertEquals(List.of(), CorrectionViews.ranking(Map.of()));
    }

    @Test
    void rankingBreaksTiesByCaseSensitiveNameOrder() {
        Map<String, Long> counts = new HashMap<>();
        counts.put("adam", 3L);
        counts.put("Zoe", 3L);
        counts.put("Bob", 3L);
        assertEquals(List.of(
                new UserCount("Bob", 3),
                new UserCount("Zoe", 3),
                new UserCount("adam", 3)), CorrectionViews.ranking(counts));
    }

    // ---- reworks ------------------------------------------------------------------------------------

    @Test
    void reworksSumTheCorrectionsEachEditorMade() {
        assertEquals(List.of(
                new UserCount("rachel", 39),
                new UserCount("kevin", 4)), CorrectionViews.reworks(TEAM));
    }

    @Test
    void reworksAddUpRepeatedPairsOfTheSameEditorAndAuthor() {
        List<CorrectionPair> pairs = List.of(
                new CorrectionPair("ann", "bob", 2),
                new CorrectionPair("ann", "bob", 3),
                new CorrectionPair("cid", "bob", 5),
                new CorrectionPair("bob", "ann", 1));
        assertEquals(List.of(
                new UserCount("ann", 5),
                new UserCount("cid", 5),
                new UserCount("bob", 1)), CorrectionViews.reworks(pairs));
    }

    @Test
    void reworksOfNoCorrectionsAreEmpty() {
        assertEquals(List.of(), CorrectionViews.reworks(List.of()));
    }

    @Test
    void madeAndReceivedSumPerPerson() {
        assertEquals(Map.of("rachel", 39L, "kevin", 4L), CorrectionViews.made(TEAM));
        assertEquals(Map.of("marcus", 26L, "aisha", 16L, "rachel", 1L), CorrectionViews.received(TEAM));
    }

    // ---- heatmap ------------------------------------------------------------------------------------

    @Test
    void heatmapRowsAreMostCorrectedFirstWithUncorrectedCreatorsLast() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(TEAM_CREATORS, TEAM);
        assertEquals(List.of("marcus", "aisha", "rachel", "jordan"), heatmap.annotators());
    }

    @Test
    void heatmapColumnsAreTheEditorsMostCorrectionsMadeFirst() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(TEAM_CREATORS, TEAM);
        assertEquals(List.of("rachel", "kevin"), heatmap.editors());
    }

    @Test
    void heatmapCountsHaveAuthorsAsRowsAndEditorsAsColumns() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(TEAM_CREATORS, TEAM);
        assertEquals(List.of(
                List.of(24, 2),
                List.of(15, 1),
                List.of(0, 1),
                List.of(0, 0)), heatmap.counts());
    }

    @Test
    void heatmapCellIsCorrectionsByTheColumnsEditorOfTheRowsAuthor() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of(), List.of(new CorrectionPair("editor", "author", 7)));
        assertEquals(List.of("author"), heatmap.annotators());
        assertEquals(List.of("editor"), heatmap.editors());
        assertEquals(List.of(List.of(7)), heatmap.counts());
    }

    @Test
    void heatmapKeepsARowOfZerosForAnUncorrectedCreator() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(TEAM_CREATORS, TEAM);
        int jordan = heatmap.annotators().indexOf("jordan");
        assertEquals(List.of(0, 0), heatmap.counts().get(jordan));
    }

    @Test
    void heatmapRowsIncludeCorrectedAuthorsWhoCreatedNothingInTheWindow() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of("jordan"), TEAM);
        assertEquals(List.of("marcus", "aisha", "rachel", "jordan"), heatmap.annotators());
    }

    @Test
    void heatmapTiesAreBrokenByName() {
        List<CorrectionPair> pairs = List.of(
                new CorrectionPair("zed", "mia", 2),
                new CorrectionPair("abe", "lou", 2));
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of("tom", "kim", "mia"), pairs);
        assertEquals(List.of("lou", "mia", "kim", "tom"), heatmap.annotators());
        assertEquals(List.of("abe", "zed"), heatmap.editors());
        assertEquals(List.of(
                List.of(2, 0),
                List.of(0, 2),
                List.of(0, 0),
                List.of(0, 0)), heatmap.counts());
    }

    @Test
    void heatmapAddsUpRepeatedPairsInOneCell() {
        List<CorrectionPair> pairs = List.of(
                new CorrectionPair("ann", "bob", 2),
                new CorrectionPair("ann", "bob", 3));
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of("bob"), pairs);
        assertEquals(List.of(List.of(5)), heatmap.counts());
    }

    @Test
    void heatmapOfCreatorsWithoutCorrectionsHasRowsButNoColumns() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of("bob", "ann"), List.of());
        assertEquals(List.of("ann", "bob"), heatmap.annotators());
        assertEquals(List.of(), heatmap.editors());
        assertEquals(List.of(List.of(), List.of()), heatmap.counts());
    }

    @Test
    void heatmapOfNothingIsEmpty() {
        CorrectionHeatmap heatmap = CorrectionViews.heatmap(List.of(), List.of());
        assertEquals(List.of(), heatmap.annotators());
        assertEquals(List.of(), heatmap.editors());
        assertEquals(List.of(), heatmap.counts());
    }

    @Test
    void heatmapDoesNotDependOnInputOrder() {
        List<CorrectionPair> shuffled = new ArrayList<>(TEAM);
        Collections.reverse(shuffled);
        List<String> creators = new ArrayList<>(TEAM_CREATORS);
        Collections.reverse(creators);
        assertEquals(CorrectionViews.heatmap(TEAM_CREATORS, TEAM), CorrectionViews.heatmap(creators, shuffled));
    }

    // ---- chord --------------------------------------------------------------------------------------

    @Test
    void chordUsersAreEveryoneWithACorrectionLargestTotalFirst() {
        CorrectionChord chord = CorrectionViews.chord(TEAM);
        assertEquals(List.of("rachel", "marcus", "aisha", "kevin"), chord.users());
    }

    @Test
    void chordMatrixRowIsTheEditorAndColumnIsTheAuthor() {
        CorrectionChord chord = CorrectionViews.chord(TEAM);
        assertEquals(List.of(
                List.of(0, 24, 15, 0),
                List.of(0, 0, 0, 0),
                List.of(0, 0, 0, 0),
                List.of(1, 2, 1, 0)), chord.matrix());
    }

    @Test
    void chordOfASinglePairPutsTheCountInTheEditorsRow() {
        CorrectionChord chord = CorrectionViews.chord(List.of(new CorrectionPair("zed", "amy", 3)));
        assertEquals(List.of("amy", "zed"), chord.users());
        assertEquals(List.of(List.of(0, 0), List.of(3, 0)), chord.matrix());
        assertEquals(List.of(3, 3), chord.totals());
    }

    @Test
    void chordTotalsAreRowSumPlusColumnSum() {
        CorrectionChord chord = CorrectionViews.chord(TEAM);
        assertEquals(List.of(40, 26, 16, 4), chord.totals());
        for (int i = 0; i < chord.users().size(); i++) {
            assertEquals(sumOfRow(chord.matrix(), i) + sumOfColumn(chord.matrix(), i), chord.totals().get(i),
                    chord.users().get(i));
        }
    }

    @Test
    void chordDiagonalIsZero() {
        CorrectionChord chord = CorrectionViews.chord(TEAM);
        for (int i = 0; i < chord.users().size(); i++) {
            assertEquals(0, chord.matrix().get(i).get(i));
        }
    }

    @Test
    void chordTiesAreBrokenByName() {
        List<CorrectionPair> pairs = List.of(
                new CorrectionPair("dan", "cat", 3),
                new CorrectionPair("bea", "ali", 3));
        CorrectionChord chord = CorrectionViews.chord(pairs);
        assertEquals(List.of("ali", "bea", "cat", "dan"), chord.users());
        assertEquals(List.of(3, 3, 3, 3), chord.totals());
        assertEquals(List.of(
                List.of(0, 0, 0, 0),
                List.of(3, 0, 0, 0),
                List.of(0, 0, 0, 0),
                List.of(0, 0, 3, 0)), chord.matrix());
    }

    @Test
    void chordAddsUpCorrectionsInBothDirectionsSeparately() {
        List<CorrectionPair> pairs = List.of(
                new CorrectionPair("ann", "bob", 5),
                new CorrectionPair("bob", "ann", 2),
                new CorrectionPair("ann", "bob", 1));
        CorrectionChord chord = CorrectionViews.chord(pairs);
        assertEquals(List.of("ann", "bob"), chord.users());
        assertEquals(List.of(List.of(0, 6), List.of(2, 0)), chord.matrix());
        assertEquals(List.of(8, 8), chord.totals());
    }

    @Test
    void chordOfNothingIsEmpty() {
        CorrectionChord chord = CorrectionViews.chord(List.of());
        assertEquals(List.of(), chord.users());
        assertEquals(List.of(), chord.matrix());
        assertEquals(List.of(), chord.totals());
    }
}
