package org.item2vec.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.item2vec.api.model.IndexSettings;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelInfo;
import org.item2vec.api.model.VectorTable;
import org.item2vec.api.recommend.Mode;
import org.item2vec.api.recommend.Query;
import org.item2vec.api.recommend.Recommender;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.ListingCatalog;
import org.item2vec.learn.vectors.Neighbour;
import org.item2vec.store.EmbeddingStore.StoredItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The approximate index against exact search on clustered vectors: recall@10, and market filtering that
 * still returns k items of the market, whether the market is large (its own index) or small (exact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnSearchTest {
    private static final int DIM = 16;
    private static final int ITEMS = 12_000;
    private static final int THRESHOLD = 2_000;

    private Model approximate;
    private Model exact;

    @BeforeAll
    void models() {
        SplittableRandom random = new SplittableRandom(3);
        float[][] centres = new float[200][DIM];
        for (float[] centre : centres) {
            for (int i = 0; i < DIM; i++) {
                centre[i] = (float) random.nextGaussian();
            }
        }
        List<StoredItem> items = new ArrayList<>();
        ListingCatalog listings = new ListingCatalog();
        for (int n = 0; n < ITEMS; n++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] vectors = new float[2 * DIM];
            for (int i = 0; i < 2 * DIM; i++) {
                vectors[i] = (i < DIM ? centre[i] : 0) + (float) (0.4 * random.nextGaussian());
            }
            items.add(new StoredItem("i" + n, 1 + random.nextInt(100), vectors));
            // Uneven markets: "big" (half the items, indexed), "mid" (a third, indexed) and "small" (exact).
            double u = random.nextDouble();
            String market = u < 0.5 ? "big" : u < 0.83 ? "mid" : "small";
            listings.put(new Listing("i" + n, market, null, null, null, null));
        }
        VectorTable table = VectorTable.of(DIM, items);
        approximate = model(table, listings, THRESHOLD);
        exact = model(table, listings, Integer.MAX_VALUE);
        assertTrue(approximate.index().indexed());
    }

    private static Model model(VectorTable table, ListingCatalog listings, int threshold) {
        IndexSettings settings = new IndexSettings(threshold, AnnIndex.Params.DEFAULT, 2);
        MarketIndex index = MarketIndex.build(table.unit(), DIM, table.size(),
                row -> listings.get(table.item(row)).market(), settings.annThreshold(), settings.hnsw(),
                settings.threads());
        return new Model(new ModelInfo("v000001", "retrain", null, "now", DIM, Map.of(), Map.of(), 0), table, index, listings);
    }

    @Test
    void recallAtTenAgainstExactSearchIsAtLeast95Percent() {
        for (String market : List.of(Query.ANY_MARKET, Query.ITEM_MARKET)) {
            double recall = recall(market, Set.of());
            assertTrue(recall >= 0.95, "recall@10 in market '" + market + "': " + recall);
        }
    }

    @Test
    void aMarketFilterStillReturnsKItemsOfThatMarket() {
        Recommender recommender = new Recommender();
        for (int n = 0; n < 300; n += 3) {
            String item = "i" + n;
            String market = approximate.market(item);
            List<Neighbour> found = recommender.recommend(approximate,
                    new Query(item, 50, Mode.SIMILAR, Query.ITEM_MARKET, Set.of())).items();
            assertEquals(50, found.size());
            for (Neighbour neighbour : found) {
                assertEquals(market, approximate.market(neighbour.item()));
            }
        }
    }

    @Test
    void excludingTheBestItemsStillReturnsK() {
        Recommender recommender = new Recommender();
        List<Neighbour> best = recommender.recommend(exact,
                new Query("i7", 30, Mode.SIMILAR, Query.ANY_MARKET, Set.of())).items();
        Set<String> excluded = new HashSet<>();
        best.forEach(n -> excluded.add(n.item()));
        List<Neighbour> rest = recommender.recommend(approximate,
                new Query("i7", 10, Mode.SIMILAR, Query.ANY_MARKET, excluded)).items();
        assertEquals(10, rest.size());
        rest.forEach(n -> assertTrue(!excluded.contains(n.item()) && !n.item().equals("i7")));
    }

    private double recall(String market, Set<String> exclude) {
        Recommender recommender = new Recommender();
        int found = 0;
        int wanted = 0;
        for (int n = 0; n < 500; n++) {
            Query query = new Query("i" + (n * 23 % ITEMS), 10, Mode.SIMILAR, market, exclude);
            Set<String> truth = new HashSet<>();
            recommender.recommend(exact, query).items().forEach(x -> truth.add(x.item()));
            for (Neighbour x : recommender.recommend(approximate, query).items()) {
                found += truth.contains(x.item()) ? 1 : 0;
            }
            wanted += truth.size();
        }
        return (double) found / wanted;
    }
}
