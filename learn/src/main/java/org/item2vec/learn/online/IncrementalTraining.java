package org.item2vec.learn.online;

import java.util.List;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;

/**
 * What each message of the stream teaches the model, independent of where messages come from:
 * <ul>
 *   <li>a session update (a new click and the items just before it in its session) trains skip-gram pairs
 *       in both directions with the items within a reach drawn from 1 to {@value #WINDOW}, as word2vec's
 *       shrunk window around each click would: a neighbour at distance d is learned with weight
 *       (W − d + 1)/W, as in the batch trainer, not as strongly as the next click;</li>
 *   <li>a finished session with a booking trains every other item of the session against the booked item,
 *       Airbnb's global context (the window pairs came already through the updates);</li>
 *   <li>a finished session is remembered, and learned again {@code replays} times at even intervals while
 *       the memory holds it, its pairs formed as the updates form them (see {@link SessionMemory}): every
 *       session that has aged through the memory got the same number of passes, as in the batch trainer's
 *       epochs;</li>
 *   <li>a listing feeds the catalog that new items' vectors start from.</li>
 * </ul>
 * Every message brings its own random seed (from its position in the stream), so replaying the same
 * messages from the same saved state gives the same model.
 */
public final class IncrementalTraining {
    /** The largest distance between a click and an item it is paired with (the batch trainer's window). */
    public static final int WINDOW = 5;

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
        int reach = reach(random);
        for (int k = Math.max(0, context.size() - reach); k < context.size(); k++) {
            int other = rowOf(context.get(k), random);
            if (other != row) {
                model.trainPair(row, other, random);
                model.trainPair(other, row, random);
            }
        }
    }

    /** word2vec's shrunk window: a reach drawn uniformly from 1 to {@link #WINDOW}. */
    private static int reach(SplittableRandom random) {
        return 1 + random.nextInt(WINDOW);
    }

    /**
     * A finished session: when it ended in a booking, each other item learns the booked item as context; then
     * it is remembered and remembered sessions are replayed.
     */
    public void applySession(List<String> items, String booked, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (booked != null) {
            int bookedRow = rowOf(booked, random);
            for (String item : items) {
                if (!item.equals(booked)) {
                    model.trainPair(rowOf(item, random), bookedRow, random);
                }
            }
        }
        SessionMemory memory = model.memory();
        memory.add(items);
        int replays = model.params().replays();
        for (int r = 1; r <= replays; r++) {
            List<String> remembered = memory.aged((long) r * memory.capacity() / replays - 1);
            if (remembered != null) {
                replay(remembered, random);
            }
        }
    }

    /**
     * Learns a remembered session again: each click with the items before it, both ways, as its updates do.
     * Items evicted since are left out (they are no longer part of the model), and nothing is counted again.
     */
    private void replay(List<String> session, SplittableRandom random) {
        int[] rows = new int[session.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = model.rowOf(session.get(i));
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] < 0) {
                continue;
            }
            for (int j = Math.max(0, i - reach(random)); j < i; j++) {
                if (rows[j] >= 0 && rows[j] != rows[i]) {
                    model.trainPair(rows[i], rows[j], random);
                    model.trainPair(rows[j], rows[i], random);
                }
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

    /** A well-mixed seed for the message at {@code offset} of {@code partition} of a topic. */
    public static long seedFor(long baseSeed, String topic, int partition, long offset) {
        long z = baseSeed ^ (topic.hashCode() * 0x9E3779B97F4A7C15L) ^ ((long) partition << 48) ^ offset;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
