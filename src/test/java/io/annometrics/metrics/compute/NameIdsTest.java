package io.annometrics.metrics.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class NameIdsTest {

    @Test
    void idsAreDenseInTheOrderNamesWereFirstAdded() {
        NameIds ids = new NameIds(4);
        assertEquals(0, ids.add("zoe"));
        assertEquals(1, ids.add("adam"));
        assertEquals(0, ids.add("zoe"));
        assertEquals(2, ids.add("Bob"));
        assertEquals(3, ids.size());
        assertEquals("zoe", ids.name(0));
        assertEquals("adam", ids.name(1));
        assertEquals("Bob", ids.name(2));
    }

    @Test
    void equalNamesShareAnIdEvenAsDistinctStringObjects() {
        NameIds ids = new NameIds(4);
        int id = ids.add(new String("rachel"));
        assertEquals(id, ids.add(new String("rachel")));
        assertEquals(id, ids.find(new String("rachel")));
        assertEquals(1, ids.size());
    }

    @Test
    void unknownNamesAreNotFound() {
        NameIds ids = new NameIds(4);
        ids.addAll(List.of("a", "b"));
        assertEquals(-1, ids.find("c"));
        assertEquals(-1, ids.find(""));
        assertEquals(2, ids.size());
    }

    @Test
    void manyNamesKeepTheirIdsWhenTheTableGrows() {
        NameIds ids = new NameIds(1);
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            assertEquals(i, ids.add("user-" + i));
        }
        assertEquals(count, ids.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, ids.find("user-" + i));
            assertEquals("user-" + i, ids.name(i));
        }
    }

    @Test
    void namesWithCollidingHashCodesStayApart() {
        // "Aa" and "BB" have the same String hash code.
        NameIds ids = new NameIds(4);
        assertEquals(0, ids.add("Aa"));
        assertEquals(1, ids.add("BB"));
        assertEquals(0, ids.find("Aa"));
        assertEquals(1, ids.find("BB"));
    }
}
