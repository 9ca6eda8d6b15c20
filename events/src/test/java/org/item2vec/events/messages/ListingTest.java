package org.item2vec.events.messages;

import static org.item2vec.events.messages.Messages.assertRefused;
import static org.item2vec.events.messages.Messages.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListingTest {
    @Test
    void aListingSurvivesTheRoundTrip() throws Exception {
        Listing full = new Listing("a", "paris", "flat", 120.0, 48.85, 2.35);
        assertEquals(full, Listing.fromJson(full.toJson()));
        Listing bare = new Listing("b", null, null, null, null, null);
        assertEquals(bare, Listing.fromJson(bare.toJson()));
    }

    @Test
    void optionalTextIsTrimmedAndBlankIsAbsent() throws Exception {
        assertEquals(new Listing("9", "rome", null, 80.0, null, null),
                Listing.fromJson(json("{'item': 9, 'market': ' rome ', 'type': '  ', 'price': 80}")));
    }

    @Test
    void badListingsAreRefusedWithTheReason() {
        assertRefused(Listing::fromJson, "", "empty value");
        assertRefused(Listing::fromJson, "{'item': }", "malformed JSON");
        assertRefused(Listing::fromJson, "'a'", "not a JSON object");
        assertRefused(Listing::fromJson, "{'market': 'paris'}", "'item'");
        assertRefused(Listing::fromJson, "{'item': true}", "'item'");
        assertRefused(Listing::fromJson, "{'item': 'a', 'type': {}}", "'type'");
        assertRefused(Listing::fromJson, "{'item': 'a', 'price': 'cheap'}", "'price'");
    }
}
