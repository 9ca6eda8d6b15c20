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
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Skip-gram with negative sampling that learns from a stream that never ends: the vocabulary grows as items
 * appear (bounded: the rarest are evicted), the noise distribution follows the counts through an
 * {@link AdaptiveNoiseTable}, and every parameter has its own AdaGrad learning rate instead of word2vec's
 * schedule, which decays towards an end that a stream does not have.
 *
 * <p>Rows live in flat {@code float[]} matrices of {@code dim} floats; the matrices grow by doubling up to
 * the vocabulary bound. The model remembers which rows changed and which items were evicted, so that a
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
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final Deque<Integer> freeRows = new ArrayDeque<>();
    private final AdaptiveNoiseTable noise;
    private final BitSet dirtyRows = new BitSet();
    private final Set<String> evicted = new HashSet<>();
    private final float[] gradient;
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
        this.noise = new AdaptiveNoiseTable(params.noiseTableSize(), params.noiseExponent());
        this.gradient = new float[dim];
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
    }

    private float[] grow(float[] matrix, int capacity) {
        return matrix == null ? new float[capacity * dim] : Arrays.copyOf(matrix, capacity * dim);
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
        int at = row * dim;
        List<Integer> peers = new ArrayList<>();
        for (String peer : coldStart.peersOf(item, this::contains)) {
            peers.add(rowOf.get(peer));
        }
        if (!peers.isEmpty()) {
            Arrays.fill(input, at, at + dim, 0);
            Arrays.fill(output, at, at + dim, 0);
            for (int peer : peers) {
                for (int j = 0; j < dim; j++) {
                    input[at + j] += input[peer * dim + j] / peers.size();
                    output[at + j] += output[peer * dim + j] / peers.size();
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
        Arrays.fill(inputSquares, at, at + dim, INITIAL_ACCUMULATOR);
        Arrays.fill(outputSquares, at, at + dim, INITIAL_ACCUMULATOR);
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

    /** One skip-gram step: {@code center} learns to predict {@code context} against sampled noise items. */
    public void trainPair(int center, int context, SplittableRandom random) {
        float rate = params.learningRate();
        int c = center * dim;
        Arrays.fill(gradient, 0);
        for (int d = 0; d <= params.negative(); d++) {
            int target;
            float label;
            if (d == 0) {
                target = context;
                label = 1;
            } else {
                target = sampleNoise(random);
                if (target < 0 || target == context) {
                    continue;
                }
                label = 0;
            }
            int o = target * dim;
            float dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += input[c + j] * output[o + j];
            }
            float g = label - sigmoid(dot);
            for (int j = 0; j < dim; j++) {
                gradient[j] += g * output[o + j];
                float step = g * input[c + j];
                outputSquares[o + j] += step * step;
                output[o + j] += rate * step / (float) Math.sqrt(outputSquares[o + j]);
            }
            dirtyRows.set(target);
        }
        for (int j = 0; j < dim; j++) {
            float step = gradient[j];
            inputSquares[c + j] += step * step;
            input[c + j] += rate * step / (float) Math.sqrt(inputSquares[c + j]);
        }
        dirtyRows.set(center);
        appliedPairs++;
    }

    /** A noise row that still holds an item (slots of evicted items are skipped). */
    private int sampleNoise(SplittableRandom random) {
        for (int i = 0; i < MAX_NOISE_DRAWS; i++) {
            int row = noise.sample(random);
            if (row >= 0 && row < highWater && items[row] != null) {
                return row;
            }
        }
        return -1;
    }

    private static float sigmoid(float x) {
        if (x > 6) {
            return 1;
        }
        if (x < -6) {
            return 0;
        }
        return (float) (1 / (1 + Math.exp(-x)));
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
        System.arraycopy(input, row * dim, vectors, 0, dim);
        System.arraycopy(output, row * dim, vectors, dim, dim);
        System.arraycopy(inputSquares, row * dim, squares, 0, dim);
        System.arraycopy(outputSquares, row * dim, squares, dim, dim);
    }

    /** Puts back a persisted item at its row. */
    public void restoreRow(String item, int row, long count, float[] vectors, float[] squares) {
        while (row >= items.length) {
            allocate((int) Math.min((long) items.length * 2, Math.max(params.maxItems(), row + 1)));
        }
        items[row] = item;
        counts[row] = count;
        rowOf.put(item, row);
        System.arraycopy(vectors, 0, input, row * dim, dim);
        System.arraycopy(vectors, dim, output, row * dim, dim);
        System.arraycopy(squares, 0, inputSquares, row * dim, dim);
        System.arraycopy(squares, dim, outputSquares, row * dim, dim);
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
        float[] in = new float[rows.length * dim];
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            tokens[i] = items[rows[i]];
            tokenCounts[i] = counts[rows[i]];
            System.arraycopy(input, rows[i] * dim, in, i * dim, dim);
            System.arraycopy(output, rows[i] * dim, out, i * dim, dim);
        }
        return new Embeddings(Vocabulary.ofOrdered(tokens, tokenCounts), dim, dim, in, out);
    }
}
