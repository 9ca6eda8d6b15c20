package org.item2vec.learn.online;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.item2vec.learn.sgns.Randoms;

/**
 * The noise distribution of a vocabulary that keeps growing: the adaptive unigram table of Kaji &amp;
 * Kobayashi ("Incremental Skip-gram Model with Negative Sampling", EMNLP 2017, algorithm 2).
 *
 * <p>Each occurrence of an item adds {@code F = f^α − (f−1)^α} to the total mass {@code z}. While the
 * table is filling, the item gets {@code F} slots (rounded at random); once it is full, {@code τ·F/z}
 * random slots are overwritten with it. Each slot then holds item {@code w} with probability
 * {@code f(w)^α / z}, as in word2vec's table, at a cost per occurrence that shrinks as {@code z} grows:
 * no rebuild, ever.
 *
 * <p>Slots are grouped into chunks so that a store can persist only what changed.
 */
public final class AdaptiveNoiseTable {
    public static final int CHUNK = 4096;

    private final int[] slots;
    private final double exponent;
    private final BitSet dirtyChunks = new BitSet();
    private int filled;
    private double mass;

    public AdaptiveNoiseTable(int size, double exponent) {
        this.slots = new int[size];
        this.exponent = exponent;
    }

    /** Records one more occurrence of {@code row}, whose count is now {@code count}. */
    public void add(int row, long count, SplittableRandom random) {
        // An unseen item weighs nothing: Math.pow(0, 0) is 1, which gave a first occurrence no mass at α = 0.
        double increment = Math.pow(count, exponent) - (count == 1 ? 0 : Math.pow(count - 1, exponent));
        mass += increment;
        if (filled < slots.length) {
            for (int copies = randomRound(increment, random); copies > 0 && filled < slots.length; copies--) {
                set(filled++, row);
            }
        } else {
            for (int n = randomRound(slots.length * increment / mass, random); n > 0; n--) {
                set(random.nextInt(slots.length), row);
            }
        }
    }

    /**
     * Fills the whole table at once from known counts (rows {@code 0..rows-1}), as word2vec builds its table:
     * each row gets a share of the slots proportional to {@code count^α}. How a model trained in batch starts
     * its life as a live model.
     */
    public void fill(long[] counts, int rows) {
        double total = 0;
        for (int row = 0; row < rows; row++) {
            total += Math.pow(counts[row], exponent);
        }
        if (total <= 0) {
            return;
        }
        int slot = 0;
        double cumulative = 0;
        for (int row = 0; row < rows; row++) {
            cumulative += Math.pow(counts[row], exponent);
            int end = (int) Math.min(slots.length, Math.round(cumulative / total * slots.length));
            while (slot < end) {
                set(slot++, row);
            }
        }
        filled = slot;
        mass = total;
    }

    /** Removes an evicted item's mass; its slots fade as later occurrences overwrite them. */
    public void remove(long count) {
        mass = Math.max(0, mass - Math.pow(count, exponent));
    }

    /** A row drawn from the noise distribution by 64 random bits, or -1 while the table is empty. */
    public int sample(long randomBits) {
        return filled == 0 ? -1 : slots[Randoms.below(randomBits, filled)];
    }

    private void set(int slot, int row) {
        slots[slot] = row;
        dirtyChunks.set(slot / CHUNK);
    }

    private static int randomRound(double value, SplittableRandom random) {
        int whole = (int) value;
        return whole + (random.nextDouble() < value - whole ? 1 : 0);
    }

    public int size() {
        return slots.length;
    }

    public int filled() {
        return filled;
    }

    public double mass() {
        return mass;
    }

    public int chunkCount() {
        return (slots.length + CHUNK - 1) / CHUNK;
    }

    /** The slots of one chunk, copied, for persisting. */
    public int[] chunk(int index) {
        int from = index * CHUNK;
        int[] copy = new int[Math.min(CHUNK, slots.length - from)];
        System.arraycopy(slots, from, copy, 0, copy.length);
        return copy;
    }

    /** Restores a persisted chunk. */
    public void restoreChunk(int index, int[] values) {
        System.arraycopy(values, 0, slots, index * CHUNK, values.length);
    }

    /** Restores the fill level and total mass saved with the chunks. */
    public void restoreState(int filledSlots, double totalMass) {
        this.filled = filledSlots;
        this.mass = totalMass;
    }

    /** Chunk indices changed since the last call, which clears them. */
    public int[] takeDirtyChunks() {
        int[] dirty = dirtyChunks.stream().toArray();
        dirtyChunks.clear();
        return dirty;
    }
}
