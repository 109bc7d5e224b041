package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.annometrics.metrics.compute.MaximumBranching.Edge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MaximumBranchingTest {

    private static final List<String> NAME_POOL =
            List.of("dora", "Bob", "alice", "carl", "eve", "Frank", "gus", "Zoe", "ann");

    // ---- hand-made cases ------------------------------------------------------------------------------

    @Test
    void emptyGraphHasNoParents() {
        assertEquals(Map.of(), MaximumBranching.parents(List.of(), List.of()));
    }

    @Test
    void isolatedNodesStayRoots() {
        assertEquals(Map.of(), MaximumBranching.parents(List.of("a", "b", "c"), List.of()));
    }

    @Test
    void singleEdge() {
        assertEquals(Map.of("b", "a"), MaximumBranching.parents(List.of("a", "b"), List.of(edge("a", "b", 3))));
    }

    @Test
    void twoCycleKeepsTheHeavierDirection() {
        Map<String, String> result = MaximumBranching.parents(
                List.of("a", "b"), List.of(edge("a", "b", 5), edge("b", "a", 3)));
        assertEquals(Map.of("b", "a"), result);
    }

    @Test
    void threeCycleIsEnteredWhereTheLossIsSmallestNotAtTheLightestCycleEdge() {
        // Greedy (heaviest incoming edge per node) picks the cycle a -> b -> c -> a. Dropping its lightest
        // edge (b -> c, 16) and using d -> c (1) gives 39; entering the cycle at a via d -> a gives 53.
        List<Edge> edges = List.of(
                edge("a", "b", 20), edge("b", "c", 16), edge("c", "a", 18),
                edge("d", "a", 17), edge("d", "c", 1));
        Map<String, String> result = MaximumBranching.parents(List.of("a", "b", "c", "d"), edges);
        assertEquals(Map.of("a", "d", "b", "a", "c", "b"), result);
        assertEquals(53, totalWeight(result, aggregate(edges)));
    }

    @Test
    void nestedCyclesAreContractedAndExpandedCorrectly() {
        // Inner 2-cycle {a, b}, which sits inside the heavy cycle {a, b, c}; x is the only way in.
        List<Edge> edges = List.of(
                edge("a", "b", 10), edge("b", "a", 10), edge("b", "c", 9), edge("c", "a", 8),
                edge("x", "c", 1), edge("x", "b", 2));
        Map<String, String> result = MaximumBranching.parents(List.of(), edges);
        assertValidBranching(result, aggregate(edges));
        assertEquals(bruteForce(edges).bestWeight(), totalWeight(result, aggregate(edges)));
        assertEquals(bruteForce(edges).best(), result);
    }

    @Test
    void starAttachesEveryChildToTheSupervisor() {
        List<Edge> edges = List.of(
                edge("boss", "x", 7), edge("boss", "y", 4), edge("boss", "z", 9),
                edge("x", "y", 2), edge("z", "x", 3), edge("y", "boss", 1));
        Map<String, String> result = MaximumBranching.parents(List.of("boss", "x", "y", "z"), edges);
        assertEquals(Map.of("x", "boss", "y", "boss", "z", "boss"), result);
    }

    @Test
    void nodeWithTwoCandidateParentsTakesTheHeavierOne() {
        Map<String, String> result = MaximumBranching.parents(
                List.of("c", "p", "q"), List.of(edge("p", "c", 3), edge("q", "c", 5)));
        assertEquals(Map.of("c", "q"), result);
    }

    @Test
    void equalCandidatesPreferTheAlphabeticallySmallerParent() {
        Map<String, String> result = MaximumBranching.parents(
                List.of(), List.of(edge("q", "c", 4), edge("p", "c", 4)));
        assertEquals(Map.of("c", "p"), result);
    }

    @Test
    void symmetricTwoCycleGivesTheAlphabeticallyFirstUserAParent() {
        Map<String, String> result = MaximumBranching.parents(
                List.of(), List.of(edge("b", "a", 5), edge("a", "b", 5)));
        assertEquals(Map.of("a", "b"), result);
    }

    @Test
    void tiesAreDecidedUserByUserInAlphabeticalOrder() {
        // Equal-weight cycle c -> a -> b -> c: one edge must go. User a is decided first and keeps its
        // parent (c); then b keeps its parent (a); so c becomes the root.
        List<Edge> edges = List.of(edge("c", "a", 1), edge("a", "b", 1), edge("b", "c", 1));
        assertEquals(Map.of("a", "c", "b", "a"), MaximumBranching.parents(List.of(), edges));
    }

    @Test
    void alphabeticalOrderIsJavaStringOrder() {
        // "Zoe" < "adam" in String order, so Zoe is decided first and gets the parent.
        Map<String, String> result = MaximumBranching.parents(
                List.of(), List.of(edge("adam", "Zoe", 2), edge("Zoe", "adam", 2)));
        assertEquals(Map.of("Zoe", "adam"), result);
    }

    @Test
    void duplicateEdgesAreSummed() {
        List<Edge> edges = List.of(edge("a", "b", 2), edge("c", "b", 3), edge("a", "b", 2));
        assertEquals(Map.of("b", "a"), MaximumBranching.parents(List.of("b"), edges));
    }

    @Test
    void selfLoopsAreIgnoredAndUnknownNodesAreAccepted() {
        List<Edge> edges = List.of(edge("a", "a", 100), edge("a", "b", 1), edge("u", "u", 4));
        assertEquals(Map.of("b", "a"), MaximumBranching.parents(List.of("zzz"), edges));
    }

    @Test
    void nonPositiveWeightsAndNullsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Edge("a", "b", 0));
        assertThrows(IllegalArgumentException.class, () -> new Edge("a", "b", -3));
        assertThrows(NullPointerException.class, () -> new Edge(null, "b", 1));
        assertThrows(NullPointerException.class, () -> MaximumBranching.parents(null, List.of()));
        assertThrows(NullPointerException.class,
                () -> MaximumBranching.parents(Arrays.asList("a", null), List.of()));
    }

    @Test
    void weightSumOverflowIsReported() {
        List<Edge> edges = List.of(edge("a", "b", Long.MAX_VALUE), edge("c", "b", 1));
        assertThrows(ArithmeticException.class, () -> MaximumBranching.parents(List.of(), edges));
    }

    @Test
    void hugeWeightsThatFitDoNotOverflow() {
        long big = Long.MAX_VALUE / 4;
        List<Edge> edges = List.of(edge("a", "b", big), edge("b", "c", big), edge("c", "a", big),
                edge("d", "a", big - 1));
        Map<String, String> result = MaximumBranching.parents(List.of(), edges);
        assertEquals(Map.of("a", "d", "b", "a", "c", "b"), result);
    }

    @Test
    void resultIsUnmodifiableAndSortedByChild() {
        Map<String, String> result = MaximumBranching.parents(
                List.of(), List.of(edge("r", "c", 1), edge("r", "a", 1), edge("r", "b", 1)));
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(result.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> result.put("x", "y"));
    }

    // ---- brute force comparison ---------------------------------------------------------------------

    @Test
    void matchesBruteForceOnThousandsOfSmallRandomGraphs() {
        int graphs = 0;
        int graphsWithTies = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            Random random = new Random(seed);
            RandomGraph graph = randomSmallGraph(random);
            Map<String, String> result = MaximumBranching.parents(graph.nodes(), graph.edges());
            Map<Pair, Long> weights = aggregate(graph.edges());
            BruteForce expected = bruteForce(graph.edges());
            String context = "seed " + seed + ", edges " + graph.edges();

            assertValidBranching(result, weights);
            assertEquals(expected.bestWeight(), totalWeight(result, weights), context);
            assertEquals(expected.bestWeight(), referenceMaximumWeight(graph.edges()), context);
            assertEquals(expected.best(), result, "tie-breaking rule violated, " + context);
            graphs++;
            if (expected.optimalCount() > 1) {
                graphsWithTies++;
            }
        }
        assertEquals(3000, graphs);
        // Make sure the tie-breaking rule was really exercised.
        assertTrue(graphsWithTies > 300, "only " + graphsWithTies + " graphs had ties");
    }

    @Test
    void idBasedEntryMatchesBruteForceWithIsolatedUsersAndSelfLoops() {
        for (long seed = 1; seed <= 1000; seed++) {
            Random random = new Random(seed);
            int users = 1 + random.nextInt(8);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                names.add(String.format("u%02d", i)); // ids in alphabetical order, as required
            }
            int edgeCount = random.nextInt(12);
            int[] from = new int[edgeCount];
            int[] to = new int[edgeCount];
            long[] weight = new long[edgeCount];
            List<Edge> realEdges = new ArrayList<>();
            for (int e = 0; e < edgeCount; e++) {
                from[e] = random.nextInt(users);
                to[e] = random.nextInt(users); // self-loops included
                weight[e] = 1 + random.nextInt(3);
                if (from[e] != to[e]) {
                    realEdges.add(edge(names.get(from[e]), names.get(to[e]), weight[e]));
                }
            }
            int[] parent = MaximumBranching.parents(users, from, to, weight, edgeCount);
            Map<String, String> result = new TreeMap<>();
            for (int user = 0; user < users; user++) {
                if (parent[user] >= 0) {
                    result.put(names.get(user), names.get(parent[user]));
                }
            }
            String context = "seed " + seed + ", edges " + realEdges;
            assertEquals(bruteForce(realEdges).best(), result, context);
            assertEquals(MaximumBranching.parents(names, realEdges), result, context);
        }
    }

    // ---- permutation invariance ---------------------------------------------------------------------

    @Test
    void resultDoesNotDependOnInputOrder() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                nodes.add("user" + random.nextInt(1000));
            }
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String from = nodes.get(random.nextInt(nodes.size()));
                String to = nodes.get(random.nextInt(nodes.size()));
                edges.add(edge(from, to, 1 + random.nextInt(3)));
            }
            Map<String, String> expected = MaximumBranching.parents(nodes, edges);
            assertValidBranching(expected, aggregate(edges));
            assertEquals(referenceMaximumWeight(edges), totalWeight(expected, aggregate(edges)));
            for (int round = 0; round < 50; round++) {
                List<String> shuffledNodes = new ArrayList<>(nodes);
                List<Edge> shuffledEdges = new ArrayList<>(edges);
                Collections.shuffle(shuffledNodes, random);
                Collections.shuffle(shuffledEdges, random);
                assertEquals(expected, MaximumBranching.parents(shuffledNodes, shuffledEdges),
                        "seed " + seed + ", round " + round);
            }
        }
    }

    @Test
    void splittingDuplicateEdgesDoesNotChangeTheResult() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            RandomGraph graph = randomSmallGraph(random);
            List<Edge> split = new ArrayList<>();
            for (Edge edge : graph.edges()) {
                if (edge.weight() > 1) {
                    split.add(edge(edge.from(), edge.to(), 1));
                    split.add(edge(edge.from(), edge.to(), edge.weight() - 1));
                } else {
                    split.add(edge);
                }
            }
            Collections.shuffle(split, random);
            assertEquals(MaximumBranching.parents(graph.nodes(), graph.edges()),
                    MaximumBranching.parents(List.of(), split));
        }
    }

    // ---- larger graphs ------------------------------------------------------------------------------

    @Test
    void largeRandomGraphGivesValidMaximumBranching() {
        List<Edge> edges = randomLargeGraph(new Random(42), 300, 20_000, 100);
        Map<String, String> result = MaximumBranching.parents(namesOf(300), edges);
        assertValidBranching(result, aggregate(edges));
        assertEquals(referenceMaximumWeight(edges), totalWeight(result, aggregate(edges)));
    }

    @Test
    void largeGraphWithOnlyTiesIsValidMaximumAndOrderIndependent() {
        Random random = new Random(4242);
        List<Edge> edges = randomLargeGraph(random, 300, 20_000, 1);
        List<String> nodes = namesOf(300);
        Map<String, String> result = MaximumBranching.parents(nodes, edges);
        assertValidBranching(result, aggregate(edges));
        assertEquals(referenceMaximumWeight(edges), totalWeight(result, aggregate(edges)));
        for (int round = 0; round < 5; round++) {
            List<Edge> shuffled = new ArrayList<>(edges);
            Collections.shuffle(shuffled, random);
            assertEquals(result, MaximumBranching.parents(List.of(), shuffled));
        }
    }

    @Test
    void longChainOfCyclesIsHandled() {
        // A ring of 400 users with equal weights plus a few heavier cross edges: deep contractions.
        List<Edge> edges = new ArrayList<>();
        int n = 400;
        for (int i = 0; i < n; i++) {
            edges.add(edge(name(i), name((i + 1) % n), 10));
            edges.add(edge(name((i + 1) % n), name(i), 9));
        }
        Map<String, String> result = MaximumBranching.parents(List.of(), edges);
        assertValidBranching(result, aggregate(edges));
        assertEquals(referenceMaximumWeight(edges), totalWeight(result, aggregate(edges)));
        assertEquals(n - 1, result.size());
    }

    // ---- helpers: graph generation ------------------------------------------------------------------

    private record RandomGraph(List<String> nodes, List<Edge> edges) {
    }

    private record Pair(String from, String to) {
    }

    private static Edge edge(String from, String to, long weight) {
        return new Edge(from, to, weight);
    }

    private static String name(int i) {
        return String.format("u%03d", i);
    }

    private static List<String> namesOf(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(name(i));
        }
        return names;
    }

    /** 2..6 users, up to 12 edges (duplicates and self-loops possible), weights 1..5. */
    private static RandomGraph randomSmallGraph(Random random) {
        List<String> pool = new ArrayList<>(NAME_POOL);
        Collections.shuffle(pool, random);
        List<String> users = pool.subList(0, 2 + random.nextInt(5));
        int edgeCount = random.nextInt(13);
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < edgeCount; i++) {
            String from = users.get(random.nextInt(users.size()));
            String to = users.get(random.nextInt(users.size()));
            edges.add(edge(from, to, 1 + random.nextInt(5)));
        }
        // Sometimes only some users are listed as nodes, sometimes an extra isolated one.
        List<String> nodes = new ArrayList<>(users.subList(0, random.nextInt(users.size() + 1)));
        if (random.nextBoolean()) {
            nodes.add("isolated");
        }
        return new RandomGraph(nodes, edges);
    }

    private static List<Edge> randomLargeGraph(Random random, int users, int edgeCount, int maxWeight) {
        List<Edge> edges = new ArrayList<>(edgeCount);
        while (edges.size() < edgeCount) {
            int from = random.nextInt(users);
            int to = random.nextInt(users);
            if (from != to) {
                edges.add(edge(name(from), name(to), 1 + random.nextInt(maxWeight)));
            }
        }
        return edges;
    }

    // ---- helpers: checks ----------------------------------------------------------------------------

    private static Map<Pair, Long> aggregate(List<Edge> edges) {
        Map<Pair, Long> weights = new HashMap<>();
        for (Edge edge : edges) {
            if (!edge.from().equals(edge.to())) {
                weights.merge(new Pair(edge.from(), edge.to()), edge.weight(), Long::sum);
            }
        }
        return weights;
    }

    private static long totalWeight(Map<String, String> parents, Map<Pair, Long> weights) {
        long total = 0;
        for (Map.Entry<String, String> entry : parents.entrySet()) {
            total += weights.get(new Pair(entry.getValue(), entry.getKey()));
        }
        return total;
    }

    /** Every parent edge exists and following parents never leads back to the start. */
    private static void assertValidBranching(Map<String, String> parents, Map<Pair, Long> weights) {
        for (Map.Entry<String, String> entry : parents.entrySet()) {
            assertNotNull(weights.get(new Pair(entry.getValue(), entry.getKey())),
                    "parent edge " + entry.getValue() + " -> " + entry.getKey() + " does not exist");
        }
        for (String start : parents.keySet()) {
            Set<String> visited = new HashSet<>();
            String current = start;
            while (current != null) {
                assertTrue(visited.add(current), "cycle through " + start);
                current = parents.get(current);
            }
        }
    }

    // ---- helpers: brute force with the documented tie-breaking rule ---------------------------------

    private record BruteForce(Map<String, String> best, long bestWeight, int optimalCount) {
    }

    /**
     * Tries every assignment "parent or none" per user. Among the acyclic ones with maximal weight it picks
     * the one preferred by the documented rule: users in alphabetical order, having a parent beats having
     * none, a smaller parent name beats a larger one.
     */
    private static BruteForce bruteForce(List<Edge> edges) {
        Map<Pair, Long> weights = aggregate(edges);
        TreeSet<String> userSet = new TreeSet<>();
        for (Pair pair : weights.keySet()) {
            userSet.add(pair.from());
            userSet.add(pair.to());
        }
        List<String> users = new ArrayList<>(userSet);
        List<List<String>> options = new ArrayList<>();
        for (String user : users) {
            List<String> candidates = new ArrayList<>();
            candidates.add(null);
            for (Pair pair : weights.keySet()) {
                if (pair.to().equals(user)) {
                    candidates.add(pair.from());
                }
            }
            options.add(candidates);
        }
        Search search = new Search(users, options, weights);
        search.enumerate(0);
        Map<String, String> result = new TreeMap<>();
        for (int i = 0; i < users.size(); i++) {
            if (search.best[i] != null) {
                result.put(users.get(i), search.best[i]);
            }
        }
        return new BruteForce(result, search.bestWeight, search.optimalCount);
    }

    /** Depth-first enumeration of all parent choices, keeping the best acyclic one. */
    private static final class Search {
        private final List<String> users;
        private final List<List<String>> options;
        private final Map<Pair, Long> weights;
        private final String[] choice;
        private String[] best;
        private long bestWeight = -1;
        private int optimalCount;

        Search(List<String> users, List<List<String>> options, Map<Pair, Long> weights) {
            this.users = users;
            this.options = options;
            this.weights = weights;
            this.choice = new String[users.size()];
        }

        void enumerate(int index) {
            if (index == users.size()) {
                evaluate();
                return;
            }
            for (String parent : options.get(index)) {
                choice[index] = parent;
                enumerate(index + 1);
            }
        }

        private void evaluate() {
            if (hasCycle(users, choice)) {
                return;
            }
            long weight = 0;
            for (int i = 0; i < users.size(); i++) {
                if (choice[i] != null) {
                    weight += weights.get(new Pair(choice[i], users.get(i)));
                }
            }
            if (weight > bestWeight) {
                bestWeight = weight;
                optimalCount = 1;
                best = choice.clone();
            } else if (weight == bestWeight) {
                optimalCount++;
                if (isPreferred(choice, best)) {
                    best = choice.clone();
                }
            }
        }
    }

    private static boolean isPreferred(String[] candidate, String[] incumbent) {
        for (int i = 0; i < candidate.length; i++) {
            String a = candidate[i];
            String b = incumbent[i];
            if (a == null ? b == null : a.equals(b)) {
                continue;
            }
            if (a == null) {
                return false;
            }
            if (b == null) {
                return true;
            }
            return a.compareTo(b) < 0;
        }
        return false;
    }

    private static boolean hasCycle(List<String> users, String[] choice) {
        Map<String, String> parent = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            if (choice[i] != null) {
                parent.put(users.get(i), choice[i]);
            }
        }
        for (String start : users) {
            String current = parent.get(start);
            int steps = 0;
            while (current != null && steps <= users.size()) {
                if (current.equals(start)) {
                    return true;
                }
                current = parent.get(current);
                steps++;
            }
        }
        return false;
    }

    // ---- helper: independent reference for the optimal weight ---------------------------------------

    /**
     * Textbook O(V * E) Chu–Liu/Edmonds (weight only, no tie-breaking) with a super-root, written
     * independently of the class under test: relabels contracted cycles round by round.
     */
    private static long referenceMaximumWeight(List<Edge> edges) {
        Map<Pair, Long> weights = aggregate(edges);
        Map<String, Integer> index = new HashMap<>();
        for (Pair pair : weights.keySet()) {
            index.putIfAbsent(pair.from(), index.size());
            index.putIfAbsent(pair.to(), index.size());
        }
        int nodeCount = index.size() + 1;
        int root = index.size();
        List<long[]> current = new ArrayList<>();
        for (Map.Entry<Pair, Long> entry : weights.entrySet()) {
            current.add(new long[] {index.get(entry.getKey().from()), index.get(entry.getKey().to()),
                entry.getValue()});
        }
        for (int v = 0; v < root; v++) {
            current.add(new long[] {root, v, 0});
        }
        long total = 0;
        while (true) {
            long[] best = new long[nodeCount];
            int[] pre = new int[nodeCount];
            Arrays.fill(best, Long.MIN_VALUE);
            for (long[] e : current) {
                int u = (int) e[0];
                int v = (int) e[1];
                if (u != v && e[2] > best[v]) {
                    best[v] = e[2];
                    pre[v] = u;
                }
            }
            int[] id = new int[nodeCount];
            int[] visited = new int[nodeCount];
            Arrays.fill(id, -1);
            Arrays.fill(visited, -1);
            int cycles = 0;
            for (int v = 0; v < nodeCount; v++) {
                if (v == root) {
                    continue;
                }
                total += best[v];
                int x = v;
                while (x != root && visited[x] != v && id[x] == -1) {
                    visited[x] = v;
                    x = pre[x];
                }
                if (x != root && id[x] == -1) {
                    for (int y = pre[x]; y != x; y = pre[y]) {
                        id[y] = cycles;
                    }
                    id[x] = cycles++;
                }
            }
            if (cycles == 0) {
                return total;
            }
            int labels = cycles;
            for (int v = 0; v < nodeCount; v++) {
                if (id[v] == -1) {
                    id[v] = labels++;
                }
            }
            List<long[]> next = new ArrayList<>();
            for (long[] e : current) {
                int u = id[(int) e[0]];
                int v = id[(int) e[1]];
                if (u != v) {
                    next.add(new long[] {u, v, e[2] - best[(int) e[1]]});
                }
            }
            current = next;
            nodeCount = labels;
            root = id[root];
        }
    }

    @Test
    void referenceImplementationSanity() {
        assertEquals(53, referenceMaximumWeight(List.of(
                edge("a", "b", 20), edge("b", "c", 16), edge("c", "a", 18),
                edge("d", "a", 17), edge("d", "c", 1))));
        assertEquals(0, referenceMaximumWeight(List.of()));
    }
}
