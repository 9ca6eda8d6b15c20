package org.item2vec.streaming.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Listing metadata from the compacted {@code listings} topic:
 * {@code {"item", "market", "type", "price", "lat", "lon"}}, all but {@code item} optional. The topology
 * only needs the market; the trainer and the API read the rest.
 */
public record Listing(String item, String market) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a listing's market, or returns {@code null} when the value is not a listing: metadata is optional
     * enrichment, so a bad listing record leaves its clicks without a market rather than stopping them.
     */
    public static Listing parseOrNull(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(value);
            if (root == null || !root.isObject() || !root.hasNonNull("item")) {
                return null;
            }
            JsonNode market = root.get("market");
            boolean hasMarket = market != null && (market.isTextual() || market.isNumber())
                    && !market.asText().isBlank();
            return new Listing(root.get("item").asText(), hasMarket ? market.asText().trim() : null);
        } catch (IOException e) {
            return null;
        }
    }
}
