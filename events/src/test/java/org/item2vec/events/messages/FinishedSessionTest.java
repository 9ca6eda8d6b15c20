package org.item2vec.events.messages;

import static org.item2vec.events.messages.Messages.assertRefused;
import static org.item2vec.events.messages.Messages.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.item2vec.events.sessions.Session;
import org.junit.jupiter.api.Test;

class FinishedSessionTest {
    @Test
    void aSessionSurvivesTheRoundTrip() throws Exception {
        FinishedSession booked = FinishedSession.of(new Session("u1", List.of("a", "b", "c"), "c", 1000, 5000),
                "paris", 0);
        assertEquals(new FinishedSession("u1@1000", "u1", List.of("a", "b", "c"), "c", "paris", 1000, 5000, 0),
                booked);
        assertEquals(booked, FinishedSession.fromJson(booked.toJson()));

        FinishedSession capped = FinishedSession.of(new Session("u2", List.of("a", "b"), null, 7, 9), null, 3);
        assertEquals(capped, FinishedSession.fromJson(capped.toJson()));
    }

    @Test
    void aReaderNeedsOnlyTheItems() throws Exception {
        assertEquals(new FinishedSession(null, null, List.of("1", "2"), null, null, -1, -1, 0),
                FinishedSession.fromJson(json("{'items': [1, '2'], 'booked': null}")));
    }

    @Test
    void badSessionsAreRefusedWithTheReason() {
        assertRefused(FinishedSession::fromJson, "", "empty value");
        assertRefused(FinishedSession::fromJson, "{'items'", "malformed JSON");
        assertRefused(FinishedSession::fromJson, "7", "not a JSON object");
        assertRefused(FinishedSession::fromJson, "{'booked': 'a'}", "'items'");
        assertRefused(FinishedSession::fromJson, "{'items': ['a', '']}", "'items'");
        assertRefused(FinishedSession::fromJson, "{'items': ['a'], 'market': ['paris']}", "'market'");
        assertRefused(FinishedSession::fromJson, "{'items': ['a'], 'end': 1.5}", "'end'");
    }
}
