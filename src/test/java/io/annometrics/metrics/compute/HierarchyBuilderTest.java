package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.annometrics.metrics.model.HierarchyNode;
import io.annometrics.metrics.model.HierarchyRole;
import io.annometrics.metrics.model.ReviewHierarchy;

class HierarchyBuilderTest {

    private static final List<CorrectionPair> TEAM = List.of(
            new CorrectionPair("rachel", "marcus", 24),
            new CorrectionPair("rachel", "aisha", 15),
            new CorrectionPair("rachel", "kevin", 19),
            new CorrectionPair("kevin", "marcus", 2),
            new CorrectionPair("kevin", "aisha", 1),
            new CorrectionPair("kevin", "rachel", 1));

    private static final List<String> TEAM_ACTIVE = List.of("rachel", "kevin", "marcus", "aisha", "jordan");

    private static CorrectionPair pair(String editor, String author, long count) {
        return new CorrectionPair(editor, author, count);
    }

    private static HierarchyNode node(ReviewHierarchy hierarchy, String user) {
        return hierarchy.nodes().stream()
                .filter(n -> n.user().equals(user))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node for " + user));
    }

    private static List<String> users(ReviewHierarchy hierarchy) {
        return hierarchy.nodes().stream().map(HierarchyNode::user).toList();
    }

    // ---- the team ------------------------------------------------------------------------------------

    @Test
    void teamHasRachelAsSupervisorOfThreeSpecialists() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(TEAM_ACTIVE, TEAM);
        assertEquals(List.of(
                new HierarchyNode("jordan", null, HierarchyRole.UNCONNECTED, 0, 0, 0),
                new HierarchyNode("rachel", null, HierarchyRole.SUPERVISOR, 0, 58, 1),
                new HierarchyNode("aisha", "rachel", HierarchyRole.SPECIALIST, 15, 0, 16),
                new HierarchyNode("kevin", "rachel", HierarchyRole.SPECIALIST, 19, 4, 19),
                new HierarchyNode("marcus", "rachel", HierarchyRole.SPECIALIST, 24, 0, 26)), hierarchy.nodes());
    }

    @Test
    void teamMemberWithoutCorrectionsIsUnconnectedWithoutParent() {
        HierarchyNode jordan = node(HierarchyBuilder.build(TEAM_ACTIVE, TEAM), "jordan");
        assertEquals(HierarchyRole.UNCONNECTED, jordan.role());
        assertNull(jordan.parent());
        assertEquals(0, jordan.parentCorrections());
        assertEquals(0, jordan.correctionsMade());
        assertEquals(0, jordan.correctionsReceived());
    }

    @Test
    void teamHierarchyDoesNotDependOnInputOrder() {
        List<CorrectionPair> pairs = new ArrayList<>(TEAM);
        Collections.reverse(pairs);
        List<String> active = new ArrayList<>(TEAM_ACTIVE);
        Collections.reverse(active);
        assertEquals(HierarchyBuilder.build(TEAM_ACTIVE, TEAM), HierarchyBuilder.build(active, pairs));
    }

    // ---- roles ---------------------------------------------------------------------------------------

    @Test
    void anEditorWithTwoChildrenIsASupervisor() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), List.of(pair("sam", "ann", 3), pair("sam", "bob", 2)));
        assertEquals(HierarchyRole.SUPERVISOR, node(hierarchy, "sam").role());
        assertEquals(HierarchyRole.SPECIALIST, node(hierarchy, "ann").role());
        assertEquals(HierarchyRole.SPECIALIST, node(hierarchy, "bob").role());
    }

    @Test
    void anEditorWithOneChildIsAReviewer() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), List.of(pair("sam", "ann", 3)));
        assertEquals(new HierarchyNode("sam", null, HierarchyRole.REVIEWER, 0, 3, 0), node(hierarchy, "sam"));
        assertEquals(new HierarchyNode("ann", "sam", HierarchyRole.SPECIALIST, 3, 0, 3), node(hierarchy, "ann"));
    }

    @Test
    void aChainHasAReviewerInTheMiddle() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), List.of(pair("ann", "bob", 4), pair("bob", "cid", 2)));
        assertEquals(List.of(
                new HierarchyNode("ann", null, HierarchyRole.REVIEWER, 0, 4, 0),
                new HierarchyNode("bob", "ann", HierarchyRole.REVIEWER, 4, 2, 4),
                new HierarchyNode("cid", "bob", HierarchyRole.SPECIALIST, 2, 0, 2)), hierarchy.nodes());
    }

    @Test
    void anEditorWhoseCorrectionsWereOutweighedIsASpecialist() {
        // ann corrected cid once, but bob corrected cid more: ann keeps no child yet took part in corrections.
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), List.of(pair("bob", "cid", 5), pair("ann", "cid", 1)));
        HierarchyNode ann = node(hierarchy, "ann");
        assertEquals(HierarchyRole.SPECIALIST, ann.role());
        assertNull(ann.parent());
        assertEquals(1, ann.correctionsMade());
        assertEquals(0, ann.correctionsReceived());
        assertEquals("bob", node(hierarchy, "cid").parent());
        assertEquals(HierarchyRole.REVIEWER, node(hierarchy, "bob").role());
    }

    @Test
    void activeUsersWithoutCorrectionsAreUnconnectedRoots() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of("zoe", "amy"), List.of());
        assertEquals(List.of(
                new HierarchyNode("amy", null, HierarchyRole.UNCONNECTED, 0, 0, 0),
                new HierarchyNode("zoe", null, HierarchyRole.UNCONNECTED, 0, 0, 0)), hierarchy.nodes());
    }

    @Test
    void roleFollowsChildrenAndCorrections() {
        assertEquals(HierarchyRole.UNCONNECTED, HierarchyBuilder.role(0, 0));
        assertEquals(HierarchyRole.SPECIALIST, HierarchyBuilder.role(0, 1));
        assertEquals(HierarchyRole.REVIEWER, HierarchyBuilder.role(1, 1));
        assertEquals(HierarchyRole.SUPERVISOR, HierarchyBuilder.role(2, 2));
        assertEquals(HierarchyRole.SUPERVISOR, HierarchyBuilder.role(5, 9));
    }

    // ---- parents and counts -------------------------------------------------------------------------

    @Test
    void rootsHaveNoParentAndNoParentCorrections() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(TEAM_ACTIVE, TEAM);
        for (HierarchyNode node : hierarchy.nodes()) {
            if (node.parent() == null) {
                assertEquals(0, node.parentCorrections(), node.user());
            } else {
                assertTrue(node.parentCorrections() > 0, node.user());
            }
        }
    }

    @Test
    void aCycleResolvesToTheHeavierDirection() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), List.of(pair("a", "b", 5), pair("b", "a", 3)));
        assertEquals(List.of(
                new HierarchyNode("a", null, HierarchyRole.REVIEWER, 0, 5, 3),
                new HierarchyNode("b", "a", HierarchyRole.SPECIALIST, 5, 3, 5)), hierarchy.nodes());
    }

    @Test
    void parentCorrectionsAddUpRepeatedPairs() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(),
                List.of(pair("sam", "ann", 2), pair("sam", "ann", 3), pair("bob", "ann", 4)));
        HierarchyNode ann = node(hierarchy, "ann");
        assertEquals("sam", ann.parent());
        assertEquals(5, ann.parentCorrections());
        assertEquals(9, ann.correctionsReceived());
        assertEquals(5, node(hierarchy, "sam").correctionsMade());
    }

    @Test
    void correctionsMadeAndReceivedCountEveryDirection() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(TEAM_ACTIVE, TEAM);
        assertEquals(58, node(hierarchy, "rachel").correctionsMade());
        assertEquals(1, node(hierarchy, "rachel").correctionsReceived());
        assertEquals(4, node(hierarchy, "kevin").correctionsMade());
        assertEquals(19, node(hierarchy, "kevin").correctionsReceived());
        assertEquals(26, node(hierarchy, "marcus").correctionsReceived());
        assertEquals(16, node(hierarchy, "aisha").correctionsReceived());
    }

    @Test
    void usersOnlyNamedByCorrectionsAreIncluded() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of("amy"), List.of(pair("sam", "ann", 1)));
        assertEquals(List.of("amy", "sam", "ann"), users(hierarchy));
    }

    // ---- order ---------------------------------------------------------------------------------------

    @Test
    void rootsAreOrderedByNameEachFollowedByItsSubtreeWithChildrenByName() {
        List<CorrectionPair> pairs = List.of(
                pair("zed", "yan", 3),
                pair("zed", "bea", 3),
                pair("bea", "xia", 2),
                pair("bea", "cal", 2),
                pair("mo", "pia", 1));
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of("abe"), pairs);
        assertEquals(List.of("abe", "mo", "pia", "zed", "bea", "cal", "xia", "yan"), users(hierarchy));
    }

    @Test
    void parentsAreListedBeforeTheirChildren() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(TEAM_ACTIVE, TEAM);
        Set<String> seen = new HashSet<>();
        for (HierarchyNode node : hierarchy.nodes()) {
            if (node.parent() != null) {
                assertTrue(seen.contains(node.parent()), node.user() + " before " + node.parent());
            }
            seen.add(node.user());
        }
    }

    @Test
    void aLongChainIsListedFromRootToLeaf() {
        List<CorrectionPair> pairs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int length = 5000;
        for (int i = 0; i < length; i++) {
            expected.add(String.format("u%05d", length - i));
        }
        for (int i = 0; i + 1 < length; i++) {
            pairs.add(pair(expected.get(i), expected.get(i + 1), 1));
        }
        ReviewHierarchy hierarchy = HierarchyBuilder.build(List.of(), pairs);
        assertEquals(expected, users(hierarchy));
        assertNull(hierarchy.nodes().get(0).parent());
        assertNotNull(hierarchy.nodes().get(length - 1).parent());
        assertEquals(HierarchyRole.SPECIALIST, hierarchy.nodes().get(length - 1).role());
    }

    @Test
    void everyActiveUserHasExactlyOneNode() {
        ReviewHierarchy hierarchy = HierarchyBuilder.build(TEAM_ACTIVE, TEAM);
        assertEquals(TEAM_ACTIVE.size(), hierarchy.nodes().size());
        assertEquals(new HashSet<>(TEAM_ACTIVE), new HashSet<>(users(hierarchy)));
    }

    @Test
    void randomTeamsMatchTheirDefinition() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int people = 1 + random.nextInt(seed <= 150 ? 12 : 200);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                names.add((random.nextBoolean() ? "P" : "p") + random.nextInt(50) + "-" + i);
            }
            List<CorrectionPair> pairs = new ArrayList<>();
            int pairCount = random.nextInt(people * 6 + 1);
            for (int i = 0; i < pairCount; i++) {
                String editor = names.get(random.nextInt(people));
                String author = names.get(random.nextInt(people));
                if (!editor.equals(author)) {
                    pairs.add(pair(editor, author, 1 + random.nextInt(random.nextBoolean() ? 2 : 20)));
                }
            }
            List<String> active = new ArrayList<>(names.subList(0, random.nextInt(people + 1)));
            active.add("idle-" + seed);
            assertEquals(referenceHierarchy(active, pairs), HierarchyBuilder.build(active, pairs), "seed " + seed);
        }
    }

    /** The hierarchy read directly off its definition, with maps keyed by name. */
    private static ReviewHierarchy referenceHierarchy(List<String> active, List<CorrectionPair> pairs) {
        TreeSet<String> users = new TreeSet<>(active);
        List<MaximumBranching.Edge> edges = new ArrayList<>();
        Map<String, Long> made = new HashMap<>();
        Map<String, Long> received = new HashMap<>();
        Map<List<String>, Long> weight = new HashMap<>();
        for (CorrectionPair pair : pairs) {
            users.add(pair.editor());
            users.add(pair.author());
            edges.add(new MaximumBranching.Edge(pair.editor(), pair.author(), pair.count()));
            made.merge(pair.editor(), pair.count(), Long::sum);
            received.merge(pair.author(), pair.count(), Long::sum);
            weight.merge(List.of(pair.editor(), pair.author()), pair.count(), Long::sum);
        }
        Map<String, String> parents = MaximumBranching.parents(users, edges);
        Map<String, TreeSet<String>> children = new HashMap<>();
        parents.forEach((child, parent) -> children.computeIfAbsent(parent, p -> new TreeSet<>()).add(child));
        List<HierarchyNode> nodes = new ArrayList<>();
        for (String root : users) {
            if (!parents.containsKey(root)) {
                addSubtree(root, parents, children, weight, made, received, nodes);
            }
        }
        return new ReviewHierarchy(nodes);
    }

    private static void addSubtree(String user, Map<String, String> parents, Map<String, TreeSet<String>> children,
            Map<List<String>, Long> weight, Map<String, Long> made, Map<String, Long> received, List<HierarchyNode> nodes) {
        String parent = parents.get(user);
        TreeSet<String> own = children.getOrDefault(user, new TreeSet<>());
        long userMade = made.getOrDefault(user, 0L);
        long userReceived = received.getOrDefault(user, 0L);
        nodes.add(new HierarchyNode(user, parent, HierarchyBuilder.role(own.size(), userMade + userReceived),
                parent == null ? 0 : Math.toIntExact(weight.get(List.of(parent, user))), Math.toIntExact(userMade),
                Math.toIntExact(userReceived)));
        for (String child : own) {
            addSubtree(child, parents, children, weight, made, received, nodes);
        }
    }

    @Test
    void nobodyActiveGivesNoNodes() {
        assertEquals(List.of(), HierarchyBuilder.build(List.of(), List.of()).nodes());
    }
}
