package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WindowTotalsTest {

    @Test
    void sumsActivityAndCorrectionsAndLeavesOutWhatCancelsOut() {
        WindowTotals totals = new WindowTotals();
        int ann = totals.person("ann");
        int rev = totals.person("rev");
        int old = totals.person("old");
        totals.addActivity(ann, 3, 2);
        totals.addActivity(rev, 4, 0);
        totals.addActivity(old, 1, 1);
        totals.addActivity(old, -1, -1);
        totals.addCorrections(rev, ann, 2);
        totals.addCorrections(rev, old, 1);
        totals.addCorrections(rev, old, -1);

        assertEquals(Map.of("ann", 2L), totals.createdPerUser());
        assertEquals(Set.of("ann", "rev"), totals.actors());
        assertEquals(Set.of(new CorrectionPair("rev", "ann", 2)), Set.copyOf(totals.corrections()));
        assertEquals(ann, totals.person("ann"), "a name keeps its number");
    }

    @Test
    void manyPeopleGiveTheSameSumsAsFew() {
        for (int people : new int[] { 30, WindowTotals.DENSE_PEOPLE + 200 }) {
            Random random = new Random(people);
            WindowTotals totals = new WindowTotals();
            Map<String, Long> expected = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                String editor = "u" + random.nextInt(people);
                String author = "u" + random.nextInt(people);
                long count = random.nextInt(5) - 1;
                totals.addCorrections(totals.person(editor), totals.person(author), count);
                expected.merge(editor + ">" + author, count, Long::sum);
            }
            Set<String> positive = new HashSet<>();
            expected.forEach((pair, count) -> {
                if (count > 0) {
                    positive.add(pair + "=" + count);
                }
            });
            Set<String> actual = new HashSet<>();
            totals.corrections().forEach(p -> actual.add(p.editor() + ">" + p.author() + "=" + p.count()));
            assertEquals(positive, actual, people + " people");
        }
    }
}
