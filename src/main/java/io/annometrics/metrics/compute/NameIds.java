package io.annometrics.metrics.compute;

import java.util.Arrays;
import java.util.Collection;

/**
 * Dense ids {@code 0..size()-1} for people's names, in the order the names were first added, so that the
 * views can count in arrays instead of in maps keyed by strings.
 *
 * <p>An open-addressing hash table (linear probing) of names and ids: one probe sequence per lookup, no
 * boxing and no entry objects. Names must not be {@code null}. Not thread-safe; every view call uses its own.
 */
final class NameIds {

    private static final int NO_ID = -1;

    private String[] names;
    private int size;
    private String[] slotName;
    private int[] slotId;
    private int mask;

    /** @param expected about how many distinct names will be added (only sizes the table) */
    NameIds(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 4 - 1)) << 1;
        names = new String[Math.max(8, expected)];
        slotName = new String[capacity];
        slotId = new int[capacity];
        mask = capacity - 1;
    }

    /** The id of {@code name}, adding it with the next free id if it is new. */
    int add(String name) {
        int slot = slotOf(name);
        if (slotName[slot] != null) {
            return slotId[slot];
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        int id = size++;
        names[id] = name;
        slotName[slot] = name;
        slotId[slot] = id;
        if (size * 4 > slotName.length) {
            grow();
        }
        return id;
    }

    /** Adds every name of {@code all}, as {@link #add(String)} does. */
    void addAll(Collection<String> all) {
        for (String name : all) {
            add(name);
        }
    }

    /** The id of {@code name}, or {@code -1} if it was never added. */
    int find(String name) {
        int slot = slotOf(name);
        return slotName[slot] != null ? slotId[slot] : NO_ID;
    }

    int size() {
        return size;
    }

    /** The name with id {@code id}. */
    String name(int id) {
        return names[id];
    }

    /** The names by id; the array may be longer than {@link #size()}. Callers must not modify it. */
    String[] names() {
        return names;
    }

    /** The slot holding {@code name}, or the empty slot where it belongs. */
    private int slotOf(String name) {
        int slot = spread(name.hashCode()) & mask;
        while (true) {
            String held = slotName[slot];
            if (held == null || held.equals(name)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        slotName = new String[slotName.length * 2];
        slotId = new int[slotName.length];
        mask = slotName.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = slotOf(names[id]);
            slotName[slot] = names[id];
            slotId[slot] = id;
        }
    }

    /** Mixes the bits of a string hash so that similar names do not crowd neighbouring slots. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
