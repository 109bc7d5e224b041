package io.annometrics.metrics.compute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.annometrics.metrics.model.HierarchyNode;
import io.annometrics.metrics.model.HierarchyRole;
import io.annometrics.metrics.model.ReviewHierarchy;

/**
 * The review hierarchy: edges run from editor to author, weighted by corrections; each person's
 * parent is chosen by a maximum-weight branching ({@link MaximumBranching}).
 */
public final class HierarchyBuilder {

    private HierarchyBuilder() {
    }

    /**
     * @param active everyone active in the window (acted, or had work corrected)
     * @param pairs the corrections of the window, editor differing from author
     */
    public static ReviewHierarchy build(Collection<String> active, Collection<CorrectionPair> pairs) {
        TreeSet<String> users = new TreeSet<>(active);
        List<MaximumBranching.Edge> edges = new ArrayList<>();
        Map<String, Map<String, Long>> weight = new TreeMap<>();
        for (CorrectionPair pair : pairs) {
            users.add(pair.editor());
            users.add(pair.author());
            edges.add(new MaximumBranching.Edge(pair.editor(), pair.author(), pair.count()));
            weight.computeIfAbsent(pair.editor(), e -> new TreeMap<>()).merge(pair.author(), pair.count(), Long::sum);
        }
        Map<String, String> parents = MaximumBranching.parents(users, edges);
        Map<String, Long> made = CorrectionViews.made(pairs);
        Map<String, Long> received = CorrectionViews.received(pairs);

        Map<String, TreeSet<String>> children = new TreeMap<>();
        parents.forEach((child, parent) -> children.computeIfAbsent(parent, p -> new TreeSet<>()).add(child));

        List<HierarchyNode> nodes = new ArrayList<>(users.size());
        for (String user : users) {
            if (!parents.containsKey(user)) {
                addSubtree(user, parents, children, weight, made, received, nodes);
            }
        }
        return new ReviewHierarchy(nodes);
    }

    private static void addSubtree(String root, Map<String, String> parents, Map<String, TreeSet<String>> children,
            Map<String, Map<String, Long>> weight, Map<String, Long> made, Map<String, Long> received,
            List<HierarchyNode> nodes) {
        // Depth-first, pre-order, without recursion: a chain of corrections may be long.
        List<String> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            String user = stack.remove(stack.size() - 1);
            String parent = parents.get(user);
            int childCount = children.getOrDefault(user, new TreeSet<>()).size();
            long userMade = made.getOrDefault(user, 0L);
            long userReceived = received.getOrDefault(user, 0L);
            long parentWeight = parent == null ? 0 : weight.get(parent).get(user);
            nodes.add(new HierarchyNode(user, parent, role(childCount, userMade + userReceived),
                    Math.toIntExact(parentWeight), Math.toIntExact(userMade), Math.toIntExact(userReceived)));
            children.getOrDefault(user, new TreeSet<>()).descendingSet().forEach(stack::add);
        }
    }

    static HierarchyRole role(int children, long corrections) {
        if (corrections == 0) {
            return HierarchyRole.UNCONNECTED;
        }
        if (children >= 2) {
            return HierarchyRole.SUPERVISOR;
        }
        return children == 1 ? HierarchyRole.REVIEWER : HierarchyRole.SPECIALIST;
    }
}
