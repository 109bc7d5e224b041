package io.annometrics.metrics.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

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
        NameIds people = new NameIds(active.size());
        people.addAll(active);
        IndexedPairs indexed = new IndexedPairs(people, pairs);
        for (int i = 0; i < indexed.size; i++) {
            MaximumBranching.Edge.requirePositiveWeight(people.name(indexed.editor[i]), people.name(indexed.author[i]),
                    indexed.count[i]);
        }

        // Everyone is numbered alphabetically from here on: the branching's tie rule and the output order both
        // follow names, so ascending ids are name order.
        int userCount = people.size();
        String[] users = Arrays.copyOf(people.names(), userCount);
        Arrays.sort(users);
        int[] alphabetical = new int[userCount];
        for (int i = 0; i < userCount; i++) {
            alphabetical[people.find(users[i])] = i;
        }
        int pairCount = indexed.size;
        int[] editor = new int[pairCount];
        int[] author = new int[pairCount];
        long[] made = new long[userCount];
        long[] received = new long[userCount];
        for (int i = 0; i < pairCount; i++) {
            editor[i] = alphabetical[indexed.editor[i]];
            author[i] = alphabetical[indexed.author[i]];
            made[editor[i]] += indexed.count[i];
            received[author[i]] += indexed.count[i];
        }
        int[] parent = MaximumBranching.parents(userCount, editor, author, indexed.count, pairCount);

        // Corrections of each person by their parent (the pairs may name the same editor and author repeatedly).
        long[] parentWeight = new long[userCount];
        for (int i = 0; i < pairCount; i++) {
            if (parent[author[i]] == editor[i]) {
                parentWeight[author[i]] += indexed.count[i];
            }
        }

        // Children of each person, ascending (that is, by name): children[childStart[p] .. childStart[p + 1]).
        int[] childStart = new int[userCount + 1];
        for (int user = 0; user < userCount; user++) {
            if (parent[user] >= 0) {
                childStart[parent[user] + 1]++;
            }
        }
        for (int user = 0; user < userCount; user++) {
            childStart[user + 1] += childStart[user];
        }
        int[] children = new int[childStart[userCount]];
        int[] filled = Arrays.copyOf(childStart, userCount);
        for (int user = 0; user < userCount; user++) {
            if (parent[user] >= 0) {
                children[filled[parent[user]]++] = user;
            }
        }

        // Roots by name, each followed by its subtree: depth-first, pre-order, children by name. Without
        // recursion, as a chain of corrections may be long.
        List<HierarchyNode> nodes = new ArrayList<>(userCount);
        int[] stack = new int[userCount];
        for (int root = 0; root < userCount; root++) {
            if (parent[root] >= 0) {
                continue;
            }
            int depth = 0;
            stack[depth++] = root;
            while (depth > 0) {
                int user = stack[--depth];
                int childCount = childStart[user + 1] - childStart[user];
                nodes.add(new HierarchyNode(users[user], parent[user] >= 0 ? users[parent[user]] : null,
                        role(childCount, made[user] + received[user]), Math.toIntExact(parentWeight[user]),
                        Math.toIntExact(made[user]), Math.toIntExact(received[user])));
                for (int c = childStart[user + 1] - 1; c >= childStart[user]; c--) {
                    stack[depth++] = children[c];
                }
            }
        }
        return new ReviewHierarchy(nodes);
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
