package org.item2vec.trainer.retrain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The retained sessions a retrain learns from, held compactly: each distinct item id is kept once and sessions
 * are arrays of indices into that dictionary, so that tens of millions of clicks fit in memory.
 */
public final class SessionHistory {
    /** No booking: the session's {@code booked} field. */
    public static final int NOT_BOOKED = -1;

    /**
     * One finished session: item indices in click order, the booked item's index, when it ended, and where it
     * is in the topic.
     */
    public record Session(int[] items, int booked, long endMs, int partition, long offset) {
    }

    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<String> items = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final Map<String, String> sessionMarketOf = new HashMap<>();
    private long tokens;

    /** Adds a session; {@code market} (may be null) is the market items fall back to when no listing names one. */
    public void add(List<String> sessionItems, String booked, String market, long endMs, int partition,
                    long offset) {
        int[] encoded = new int[sessionItems.size()];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = index(sessionItems.get(i));
            if (market != null) {
                sessionMarketOf.putIfAbsent(sessionItems.get(i), market);
            }
        }
        sessions.add(new Session(encoded, booked == null ? NOT_BOOKED : index(booked), endMs, partition, offset));
        tokens += encoded.length;
    }

    private int index(String item) {
        Integer known = indexOf.get(item);
        if (known != null) {
            return known;
        }
        items.add(item);
        indexOf.put(item, items.size() - 1);
        return items.size() - 1;
    }

    public List<Session> sessions() {
        return sessions;
    }

    public String item(int index) {
        return items.get(index);
    }

    public int itemCount() {
        return items.size();
    }

    public long tokenCount() {
        return tokens;
    }

    /** The market of the first session an item was seen in, or null. */
    public String sessionMarket(String item) {
        return sessionMarketOf.get(item);
    }
}
