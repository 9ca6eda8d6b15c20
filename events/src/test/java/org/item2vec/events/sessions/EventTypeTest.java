package org.item2vec.events.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTypeTest {
    @Test
    void parsesInAnyCase() {
        assertEquals(EventType.VIEW, EventType.parse("view"));
        assertEquals(EventType.VIEW, EventType.parse("VIEW"));
        assertEquals(EventType.CLICK, EventType.parse("Click"));
        assertEquals(EventType.BOOK, EventType.parse("bOoK"));
        assertEquals(EventType.BOOK, EventType.parse(" book "));
    }

    @Test
    void blankOrNullIsAClick() {
        assertEquals(EventType.CLICK, EventType.parse(""));
        assertEquals(EventType.CLICK, EventType.parse("   "));
        assertEquals(EventType.CLICK, EventType.parse(null));
    }

    @Test
    void unknownTypeIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventType.parse("cart"));
        assertTrue(e.getMessage().contains("'cart'"), e.getMessage());
    }
}
