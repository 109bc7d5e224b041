package io.annometrics.metrics.compute;

import java.util.Collection;

/**
 * Correction pairs with editor and author replaced by their {@link NameIds} ids, as parallel arrays: the one
 * pass over the pairs that reads names; everything after it counts in arrays indexed by person.
 */
final class IndexedPairs {

    final NameIds people;
    final int size;
    final int[] editor;
    final int[] author;
    final long[] count;

    /**
     * @param people ids to use; the names of the pairs are added to it
     * @param pairs the pairs, in their iteration order
     */
    IndexedPairs(NameIds people, Collection<CorrectionPair> pairs) {
        this.people = people;
        size = pairs.size();
        editor = new int[size];
        author = new int[size];
        count = new long[size];
        int i = 0;
        for (CorrectionPair pair : pairs) {
            editor[i] = people.add(pair.editor());
            author[i] = people.add(pair.author());
            count[i] = pair.count();
            i++;
        }
    }

    /** Ids for about {@code expectedPeople} people plus the names of {@code pairs}. */
    static IndexedPairs of(Collection<CorrectionPair> pairs, int expectedPeople) {
        return new IndexedPairs(new NameIds(Math.max(expectedPeople, 64)), pairs);
    }

    /** Corrections made, by editor id ({@code people.size()} entries). */
    long[] madeById() {
        long[] made = new long[people.size()];
        for (int i = 0; i < size; i++) {
            made[editor[i]] += count[i];
        }
        return made;
    }

    /** Corrections received, by author id ({@code people.size()} entries). */
    long[] receivedById() {
        long[] received = new long[people.size()];
        for (int i = 0; i < size; i++) {
            received[author[i]] += count[i];
        }
        return received;
    }
}
