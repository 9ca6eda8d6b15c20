package org.item2vec.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.item2vec.api.index.AnnIndex;
import org.item2vec.learn.vectors.Neighbour;
import org.item2vec.learn.vectors.TopK;
import org.item2vec.learn.vectors.VectorMath;

/**
 * What the API's HNSW index costs and how much it finds: build time and heap for {@code --items} clustered
 * unit vectors ({@link ClusteredVectors}), then recall@10 and query time against the exact (SIMD brute-force)
 * top 10, over {@code --queries} items of the set. The query item is left out of both lists, as the API
 * leaves it out of its answers.
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.vector -Xmx8g -cp benchmarks/target/benchmarks.jar
 * org.item2vec.benchmarks.AnnRecallBench [--items 1000000] [--m 16] [--ef-construction 100] [--ef 100,200,400]
 * [--spread 0.5]}
 */
public final class AnnRecallBench {
    private static final Set<String> OPTIONS = Set.of("--items", "--dim", "--m", "--ef-construction", "--ef",
            "--queries", "--threads", "--spread");
    private static final int K = 10;
    private static final long SEED = 7;
    private static final int WARMUP_QUERIES = 100;

    private AnnRecallBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        int items = options.integer("--items", 1_000_000);
        int dim = options.integer("--dim", 32);
        int m = options.integer("--m", AnnIndex.Params.DEFAULT.m());
        int efConstruction = options.integer("--ef-construction", AnnIndex.Params.DEFAULT.efConstruction());
        int[] efs = options.integers("--ef", Integer.toString(AnnIndex.Params.DEFAULT.ef()));
        int queryCount = options.integer("--queries", 1000);
        int threads = options.integer("--threads", 2);
        double spread = Double.parseDouble(options.string("--spread", Double.toString(ClusteredVectors.DEFAULT_SPREAD)));

        float[] unit = VectorMath.normalizedRows(ClusteredVectors.generate(items, dim, spread, SEED), items, dim, dim);
        int[] queryRows = new SplittableRandom(SEED).ints(0, items).distinct().limit(queryCount).toArray();
        System.out.printf("%,d unit vectors of dim %d in %d clusters of spread %.2f; %d queries drawn from them%n",
                items, dim, ClusteredVectors.CLUSTERS, spread, queryCount);

        Search exact = exactSearch(unit, dim, queryRows);
        System.out.printf("exact top-%d (SIMD scan of every row): median %.3f ms, p99 %.3f ms per query%n", K,
                exact.medianMillis(), exact.p99Millis());

        long heapBefore = Heap.usedAfterGc();
        long started = System.nanoTime();
        int[] rows = new int[items];
        Arrays.setAll(rows, row -> row);
        // Built with the smallest ef: a query for n ≥ ef results searches with ef = n (hnswlib uses max(ef, k)),
        // so one index serves every ef asked for.
        AnnIndex index = AnnIndex.build(unit, dim, rows,
                new AnnIndex.Params(m, efConstruction, Arrays.stream(efs).min().orElseThrow()), threads);
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        long indexHeap = Heap.usedAfterGc() - heapBefore;
        System.out.printf("HNSW m=%d efConstruction=%d over %,d rows with %d threads: built in %.1f s, %s of heap"
                        + " (%.0f bytes per item; the vectors alone are %d)%n", m, efConstruction, index.size(),
                threads, buildSeconds, Heap.mebibytes(indexHeap), (double) indexHeap / items, dim * Float.BYTES);

        System.out.println("    ef  recall@10  ANN median ms  ANN p99 ms  exact/ANN (medians)");
        for (int ef : efs) {
            Search ann = annSearch(index, unit, dim, queryRows, ef);
            System.out.printf("%6d %10.4f %14.3f %11.3f %20.1f%n", ef, ann.recallAgainst(exact), ann.medianMillis(),
                    ann.p99Millis(), exact.medianMillis() / ann.medianMillis());
        }
    }

    /** The top K of every query, the query itself left out, and how long each query took. */
    private record Search(int[][] topRows, long[] nanos) {
        double recallAgainst(Search truth) {
            long found = 0;
            for (int q = 0; q < topRows.length; q++) {
                for (int row : topRows[q]) {
                    found += Arrays.stream(truth.topRows[q]).anyMatch(r -> r == row) ? 1 : 0;
                }
            }
            return (double) found / (topRows.length * K);
        }

        double medianMillis() {
            return percentileMillis(0.5);
        }

        double p99Millis() {
            return percentileMillis(0.99);
        }

        private double percentileMillis(double fraction) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] / 1e6;
        }
    }

    /** A search for the rows nearest to one row, the row itself left out. */
    private interface Searcher {
        int[] nearestTo(int queryRow);
    }

    /** Runs every query once after a few untimed ones, so that the timings are of compiled code. */
    private static Search time(int[] queryRows, Searcher searcher) {
        for (int q = 0; q < Math.min(WARMUP_QUERIES, queryRows.length); q++) {
            searcher.nearestTo(queryRows[q]);
        }
        int[][] top = new int[queryRows.length][];
        long[] nanos = new long[queryRows.length];
        for (int q = 0; q < queryRows.length; q++) {
            long started = System.nanoTime();
            top[q] = searcher.nearestTo(queryRows[q]);
            nanos[q] = System.nanoTime() - started;
        }
        return new Search(top, nanos);
    }

    private static Search exactSearch(float[] unit, int dim, int[] queryRows) {
        int rows = unit.length / dim;
        return time(queryRows, queryRow -> {
            TopK best = new TopK(K + 1);
            for (int row = 0; row < rows; row++) {
                best.offer(row, VectorMath.dot(unit, queryRow * dim, unit, row * dim, dim));
            }
            return withoutQuery(Arrays.stream(best.best(row -> null)).mapToInt(Neighbour::index).toArray(), queryRow);
        });
    }

    private static Search annSearch(AnnIndex index, float[] unit, int dim, int[] queryRows, int ef) {
        return time(queryRows, queryRow -> {
            float[] query = Arrays.copyOfRange(unit, queryRow * dim, (queryRow + 1) * dim);
            List<AnnIndex.Hit> hits = index.nearest(query, Math.max(ef, K + 1));
            return withoutQuery(hits.stream().mapToInt(AnnIndex.Hit::row).toArray(), queryRow);
        });
    }

    /** The first K rows other than the query's own. */
    private static int[] withoutQuery(int[] ranked, int queryRow) {
        return Arrays.stream(ranked).filter(row -> row != queryRow).limit(K).toArray();
    }
}
