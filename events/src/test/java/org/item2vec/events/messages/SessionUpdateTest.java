package org.item2vec.events.messages;

import static org.item2vec.events.messages.Messages.assertRefused;
import static org.item2vec.events.messages.Messages.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionUpdateTest {
    @Test
    void anUpdateSurvivesTheRoundTrip() throws Exception {
        SessionUpdate update = new SessionUpdate("u1@1000", "u1", "c", List.of("a", "b"), true, "paris", 1234L);
        assertEquals(update, SessionUpdate.fromJson(update.toJson()));
        SessionUpdate withoutMarket = new SessionUpdate("u1@1000", "u1", "c", List.of("a"), false, null, 5L);
        assertEquals(withoutMarket, SessionUpdate.fromJson(withoutMarket.toJson()));
    }

    @Test
    void aReaderNeedsOnlyTheItemAndItsContext() throws Exception {
        assertEquals(new SessionUpdate(null, null, "7", List.of("5", "6"), false, null, -1),
                SessionUpdate.fromJson(json("{'item': 7, 'context': [5, '6']}")));
    }

    @Test
    void badUpdatesAreRefusedWithTheReason() {
        assertRefused(SessionUpdate::fromJson, "", "empty value");
        assertRefused(SessionUpdate::fromJson, "{", "malformed JSON");
        assertRefused(SessionUpdate::fromJson, "['a']", "not a JSON object");
        assertRefused(SessionUpdate::fromJson, "{'context': ['a']}", "'item'");
        assertRefused(SessionUpdate::fromJson, "{'item': ' ', 'context': ['a']}", "'item'");
        assertRefused(SessionUpdate::fromJson, "{'item': 'b', 'context': 'a'}", "'context'");
        assertRefused(SessionUpdate::fromJson, "{'item': 'b', 'context': ['a', {}]}", "'context'");
        assertRefused(SessionUpdate::fromJson, "{'item': 'b', 'context': ['a'], 'booked': 'yes'}", "'booked'");
        assertRefused(SessionUpdate::fromJson, "{'item': 'b', 'context': ['a'], 'ts': 'now'}", "'ts'");
    }
}
