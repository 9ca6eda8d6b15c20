package org.item2vec.learn.online;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.item2vec.events.messages.Listing;

/**
 * Listing metadata by item, and Airbnb's cold-start rule on top of it: a new listing's peers are up to 3
 * listings of the same market, type and price bucket, nearest first (by distance when both have a location,
 * else by price).
 */
public final class ListingCatalog implements ColdStart {
    public static final int PEERS = 3;

    private final Map<String, Listing> byItem = new HashMap<>();
    private final Map<String, List<Listing>> byGroup = new HashMap<>();

    /** Adds or replaces a listing. */
    public synchronized void put(Listing listing) {
        remove(listing.item());
        byItem.put(listing.item(), listing);
        String group = group(listing);
        if (group != null) {
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(listing);
        }
    }

    public synchronized void remove(String item) {
        Listing old = byItem.remove(item);
        if (old != null && group(old) != null) {
            byGroup.get(group(old)).remove(old);
        }
    }

    public synchronized Listing get(String item) {
        return byItem.get(item);
    }

    /** The item's market, or {@code null} when no listing names one. */
    public synchronized String market(String item) {
        Listing listing = byItem.get(item);
        return listing == null ? null : listing.market();
    }

    public synchronized List<Listing> all() {
        return List.copyOf(byItem.values());
    }

    public synchronized int size() {
        return byItem.size();
    }

    @Override
    public synchronized List<String> peersOf(String item, Predicate<String> known) {
        Listing listing = byItem.get(item);
        String group = listing == null ? null : group(listing);
        if (group == null) {
            return List.of();
        }
        return byGroup.get(group).stream()
                .filter(peer -> !peer.item().equals(item) && known.test(peer.item()))
                .sorted(Comparator.comparingDouble((Listing peer) -> distance(listing, peer))
                        .thenComparing(Listing::item))
                .limit(PEERS)
                .map(Listing::item)
                .toList();
    }

    private static double distance(Listing a, Listing b) {
        if (a.hasLocation() && b.hasLocation()) {
            return a.kilometresTo(b);
        }
        if (a.price() != null && b.price() != null) {
            return Math.abs(a.price() - b.price());
        }
        return 0;
    }

    /** Market, type and price bucket; listings without a market have no peers. */
    private static String group(Listing listing) {
        if (listing.market() == null) {
            return null;
        }
        return listing.market() + "\u0000" + Objects.toString(listing.type(), "") + "\u0000"
                + Objects.toString(listing.priceBucket(), "");
    }
}
