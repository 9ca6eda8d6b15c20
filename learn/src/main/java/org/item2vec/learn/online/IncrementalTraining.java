package org.item2vec.learn.online;

import java.util.List;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;

/**
 * What each message of the stream teaches the model, independent of where messages come from:
 * <ul>
 *   <li>a session update (a new click and the items just before it in its session) trains skip-gram pairs
 *       in both directions, as a window around each click would;</li>
 *   <li>a finished session with a booking trains every other item of the session against the booked item,
 *       Airbnb's global context (the window pairs came already through the updates);</li>
 *   <li>a listing feeds the catalog that new items' vectors start from.</li>
 * </ul>
 * Every message brings its own random seed (from its position in the stream), so replaying the same
 * messages from the same saved state gives the same model.
 */
public final class IncrementalTraining {
    private final OnlineModel model;
    private final ListingCatalog catalog;

    public IncrementalTraining(OnlineModel model, ListingCatalog catalog) {
        this.model = model;
        this.catalog = catalog;
    }

    public OnlineModel model() {
        return model;
    }

    public ListingCatalog catalog() {
        return catalog;
    }

    /**
     * A click on {@code item} after {@code context} (oldest first). Each click of a session is counted once:
     * the item now, and the session's first item with the update that has it as the only context.
     */
    public void applyUpdate(String item, List<String> context, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (context.size() == 1) {
            model.observe(context.get(0), catalog, random);
        }
        int row = model.observe(item, catalog, random);
        for (String previous : context) {
            int other = rowOf(previous, random);
            if (other == row) {
                continue;
            }
            model.trainPair(row, other, random);
            model.trainPair(other, row, random);
        }
    }

    /** A finished session: when it ended in a booking, each other item learns the booked item as context. */
    public void applySession(List<String> items, String booked, long seed) {
        if (booked == null) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int bookedRow = rowOf(booked, random);
        for (String item : items) {
            if (!item.equals(booked)) {
                model.trainPair(rowOf(item, random), bookedRow, random);
            }
        }
    }

    public void applyListing(Listing listing) {
        catalog.put(listing);
    }

    /** The row of an item the updates should have brought; an item evicted since is admitted again. */
    private int rowOf(String item, SplittableRandom random) {
        int row = model.rowOf(item);
        return row >= 0 ? row : model.observe(item, catalog, random);
    }

    /** The pairs {@link #applyUpdate} trains for an update (for accounting and tests). */
    public static int pairsOfUpdate(String item, List<String> context) {
        return 2 * (int) context.stream().filter(previous -> !previous.equals(item)).count();
    }

    /** The pairs {@link #applySession} trains for a session. */
    public static int pairsOfSession(List<String> items, String booked) {
        return booked == null ? 0 : (int) items.stream().filter(item -> !item.equals(booked)).count();
    }

    /** A well-mixed seed for the message at {@code offset} of {@code partition} of a topic. */
    public static long seedFor(long baseSeed, String topic, int partition, long offset) {
        long z = baseSeed ^ (topic.hashCode() * 0x9E3779B97F4A7C15L) ^ ((long) partition << 48) ^ offset;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
