package org.item2vec.learn.online;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.item2vec.learn.sgns.Randoms;
import org.item2vec.learn.sgns.SgnsKernel;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Skip-gram with negative sampling that learns from a stream that never ends: the vocabulary grows as items
 * appear (bounded: the rarest are evicted), the noise distribution follows the counts through an
 * {@link AdaptiveNoiseTable}, and every parameter has its own AdaGrad learning rate instead of word2vec's
 * schedule, which decays towards an end that a stream does not have.
 *
 * <p>Each pair is trained by the batch trainer's {@link SgnsKernel} in its AdaGrad form. Rows live in flat
 * {@code float[]} matrices, {@code dim} floats padded to whole SIMD registers; the matrices grow by doubling
 * up to the vocabulary bound. The model remembers which rows changed and which items were evicted, so that a
 * store can persist exactly that. Not thread-safe: one trainer thread owns it.
 */
public final class OnlineModel {
    /** AdaGrad's starting accumulator: keeps the first steps of a new parameter from being ±η at once. */
    static final float INITIAL_ACCUMULATOR = 0.1f;
    /**
     * The accumulator of a vector trained in batch: ten times a new item's, so that live updates move a vector
     * that many sessions shaped about three times more gently than a new item's.
     */
    static final float TRAINED_ACCUMULATOR = 1f;
    private static final int EVICTION_SAMPLE = 16;
    private static final int MAX_NOISE_DRAWS = 8;

    private final OnlineParams params;
    private final int dim;
    private final int stride;
    private final SgnsKernel kernel;
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final Deque<Integer> freeRows = new ArrayDeque<>();
    private final AdaptiveNoiseTable noise;
    private final SessionMemory memory;
    private final BitSet dirtyRows = new BitSet();
    private final Set<String> evicted = new HashSet<>();
    private String[] items;
    private long[] counts;
    private float[] input;
    private float[] output;
    private float[] inputSquares;
    private float[] outputSquares;
    private int highWater;
    private long appliedPairs;

    public OnlineModel(OnlineParams params) {
        this.params = params;
        this.dim = params.dim();
        this.stride = SgnsKernel.strideFor(dim);
        this.noise = new AdaptiveNoiseTable(params.noiseTableSize(), params.noiseExponent());
        this.memory = new SessionMemory(params.memory());
        this.kernel = SgnsKernel.adaGrad(stride, params.negative(), this::sampleNoise, params.learningRate());
        allocate(Math.min(1024, params.maxItems()));
    }

    /**
     * A model that continues from vectors trained in batch (a full retrain): the {@code params.maxItems()} most
     * frequent items of {@code trained} with their counts and both vectors, and the noise table filled from the
     * counts.
     */
    public static OnlineModel continuing(OnlineParams params, Embeddings trained) {
        if (trained.dim() != params.dim() || !trained.hasOutput()) {
            throw new IllegalArgumentException("a live model of dimension " + params.dim()
                    + " needs input and output vectors of that dimension, got " + trained.dim());
        }
        OnlineModel model = new OnlineModel(params);
        int dim = params.dim();
        int rows = Math.min(trained.size(), params.maxItems());
        float[] vectors = new float[2 * dim];
        float[] squares = new float[2 * dim];
        Arrays.fill(squares, TRAINED_ACCUMULATOR);
        for (int row = 0; row < rows; row++) {
            System.arraycopy(trained.input(), row * trained.stride(), vectors, 0, dim);
            System.arraycopy(trained.output(), row * trained.stride(), vectors, dim, dim);
            model.restoreRow(trained.vocabulary().token(row), row, trained.vocabulary().count(row), vectors, squares);
        }
        model.finishRestore(0);
        model.noise.fill(model.counts, rows);
        return model;
    }

    private void allocate(int capacity) {
        items = items == null ? new String[capacity] : Arrays.copyOf(items, capacity);
        counts = counts == null ? new long[capacity] : Arrays.copyOf(counts, capacity);
        input = grow(input, capacity);
        output = grow(output, capacity);
        inputSquares = grow(inputSquares, capacity);
        outputSquares = grow(outputSquares, capacity);
        kernel.bind(input, output, inputSquares, outputSquares);
    }

    private float[] grow(float[] matrix, int capacity) {
        return matrix == null ? new float[capacity * stride] : Arrays.copyOf(matrix, capacity * stride);
    }

    public OnlineParams params() {
        return params;
    }

    public int size() {
        return rowOf.size();
    }

    /** The row of an item, or -1. */
    public int rowOf(String item) {
        Integer row = rowOf.get(item);
        return row == null ? -1 : row;
    }

    public String item(int row) {
        return items[row];
    }

    public long count(int row) {
        return counts[row];
    }

    public long appliedPairs() {
        return appliedPairs;
    }

    public AdaptiveNoiseTable noise() {
        return noise;
    }

    /** The recent sessions this model learns from again. */
    public SessionMemory memory() {
        return memory;
    }

    /**
     * Counts one occurrence of {@code item}, admitting it when new (its vectors start from
     * {@code coldStart}'s peers, or at random), and returns its row.
     */
    public int observe(String item, ColdStart coldStart, SplittableRandom random) {
        Integer existing = rowOf.get(item);
        int row = existing != null ? existing : admit(item, coldStart, random);
        counts[row]++;
        noise.add(row, counts[row], random);
        dirtyRows.set(row);
        return row;
    }

    private int admit(String item, ColdStart coldStart, SplittableRandom random) {
        if (rowOf.size() >= params.maxItems()) {
            evictRarest(random);
        }
        int row;
        if (!freeRows.isEmpty()) {
            row = freeRows.pop();
        } else {
            if (highWater == items.length) {
                allocate((int) Math.min((long) items.length * 2, params.maxItems()));
            }
            row = highWater++;
        }
        items[row] = item;
        counts[row] = 0;
        rowOf.put(item, row);
        evicted.remove(item);
        initialize(row, item, coldStart);
        return row;
    }

    /**
     * Cold start: the mean of the peers' vectors (Airbnb: up to 3 listings of the same market, type and price
     * bucket, nearest first), or word2vec's random start when no peer is known.
     */
    private void initialize(int row, String item, ColdStart coldStart) {
        int at = row * stride;
        List<Integer> peers = new ArrayList<>();
        for (String peer : coldStart.peersOf(item, this::contains)) {
            peers.add(rowOf.get(peer));
        }
        if (!peers.isEmpty()) {
            Arrays.fill(input, at, at + dim, 0);
            Arrays.fill(output, at, at + dim, 0);
            for (int peer : peers) {
                for (int j = 0; j < dim; j++) {
                    input[at + j] += input[peer * stride + j] / peers.size();
                    output[at + j] += output[peer * stride + j] / peers.size();
                }
            }
        } else {
            // Seeded by the item, so that the same item starts the same way in every run.
            SplittableRandom init = new SplittableRandom(params.seed() ^ item.hashCode() * 0x9E3779B97F4A7C15L);
            for (int j = 0; j < dim; j++) {
                input[at + j] = (float) ((init.nextDouble() - 0.5) / dim);
            }
            Arrays.fill(output, at, at + dim, 0);
        }
        Arrays.fill(input, at + dim, at + stride, 0);
        Arrays.fill(output, at + dim, at + stride, 0);
        Arrays.fill(inputSquares, at, at + stride, INITIAL_ACCUMULATOR);
        Arrays.fill(outputSquares, at, at + stride, INITIAL_ACCUMULATOR);
        dirtyRows.set(row);
    }

    public boolean contains(String item) {
        return rowOf.containsKey(item);
    }

    /**
     * Approximate least-frequently-used eviction: the rarest of a few rows drawn at random (as Redis does),
     * O(1) per admission instead of keeping all counts ordered while they change on every click.
     */
    private void evictRarest(SplittableRandom random) {
        int victim = -1;
        for (int i = 0; i < EVICTION_SAMPLE; i++) {
            int row = random.nextInt(highWater);
            if (items[row] != null && (victim < 0 || counts[row] < counts[victim])) {
                victim = row;
            }
        }
        if (victim < 0) {
            victim = rowOf.values().iterator().next();
        }
        String item = items[victim];
        rowOf.remove(item);
        evicted.add(item);
        noise.remove(counts[victim]);
        items[victim] = null;
        counts[victim] = 0;
        dirtyRows.clear(victim);
        freeRows.push(victim);
    }

    /**
     * One skip-gram step: {@code center} learns to predict {@code context} against noise items drawn with
     * {@code random}.
     */
    public void trainPair(int center, int context, SplittableRandom random) {
        kernel.reseed(random.nextLong());
        kernel.trainPair(center, context);
        dirtyRows.set(center);
        dirtyRows.set(context);
        for (int n = 0; n < kernel.negativesUsed(); n++) {
            dirtyRows.set(kernel.negativeDrawn(n));
        }
        appliedPairs++;
    }

    /** A noise row that still holds an item (slots of evicted items are skipped), or -1. */
    private int sampleNoise(long randomBits) {
        for (int draw = 0; draw < MAX_NOISE_DRAWS; draw++) {
            int row = noise.sample(draw == 0 ? randomBits : Randoms.seed(randomBits, draw));
            if (row >= 0 && row < highWater && items[row] != null) {
                return row;
            }
        }
        return -1;
    }

    // ---- persistence: what changed, and how to put it back ----

    /** Rows changed since the last call (live items only), which clears the set. */
    public int[] takeDirtyRows() {
        int[] rows = dirtyRows.stream().filter(row -> items[row] != null).toArray();
        dirtyRows.clear();
        return rows;
    }

    /** Every row that holds an item. */
    public int[] liveRows() {
        return rowOf.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Items evicted since the last call, which clears the set. */
    public Set<String> takeEvicted() {
        Set<String> copy = new HashSet<>(evicted);
        evicted.clear();
        return copy;
    }

    /** Copies a row: input then output vector into {@code vectors}, their AdaGrad accumulators into {@code squares}. */
    public void copyRow(int row, float[] vectors, float[] squares) {
        System.arraycopy(input, row * stride, vectors, 0, dim);
        System.arraycopy(output, row * stride, vectors, dim, dim);
        System.arraycopy(inputSquares, row * stride, squares, 0, dim);
        System.arraycopy(outputSquares, row * stride, squares, dim, dim);
    }

    /** Puts back a persisted item at its row. */
    public void restoreRow(String item, int row, long count, float[] vectors, float[] squares) {
        while (row >= items.length) {
            allocate((int) Math.min((long) items.length * 2, Math.max(params.maxItems(), row + 1)));
        }
        items[row] = item;
        counts[row] = count;
        rowOf.put(item, row);
        int at = row * stride;
        System.arraycopy(vectors, 0, input, at, dim);
        System.arraycopy(vectors, dim, output, at, dim);
        System.arraycopy(squares, 0, inputSquares, at, dim);
        System.arraycopy(squares, dim, outputSquares, at, dim);
        // Padding lanes: vectors zero, accumulators positive (a step divides by their square root).
        Arrays.fill(input, at + dim, at + stride, 0);
        Arrays.fill(output, at + dim, at + stride, 0);
        Arrays.fill(inputSquares, at + dim, at + stride, INITIAL_ACCUMULATOR);
        Arrays.fill(outputSquares, at + dim, at + stride, INITIAL_ACCUMULATOR);
        highWater = Math.max(highWater, row + 1);
    }

    /** After all rows are restored: rows below the high-water mark that hold nothing are free again. */
    public void finishRestore(long pairs) {
        appliedPairs = pairs;
        for (int row = highWater - 1; row >= 0; row--) {
            if (items[row] == null) {
                freeRows.push(row);
            }
        }
        dirtyRows.clear();
        evicted.clear();
    }

    /** A snapshot in the batch trainer's form, most frequent first, for evaluation and export. */
    public Embeddings toEmbeddings() {
        Integer[] rows = rowOf.values().toArray(new Integer[0]);
        Arrays.sort(rows, Comparator.comparingLong((Integer r) -> -counts[r]).thenComparing(r -> items[r]));
        String[] tokens = new String[rows.length];
        long[] tokenCounts = new long[rows.length];
        float[] in = new float[rows.length * stride];
        float[] out = new float[rows.length * stride];
        for (int i = 0; i < rows.length; i++) {
            tokens[i] = items[rows[i]];
            tokenCounts[i] = counts[rows[i]];
            System.arraycopy(input, rows[i] * stride, in, i * stride, dim);
            System.arraycopy(output, rows[i] * stride, out, i * stride, dim);
        }
        return new Embeddings(Vocabulary.ofOrdered(tokens, tokenCounts), dim, stride, in, out);
    }
}
