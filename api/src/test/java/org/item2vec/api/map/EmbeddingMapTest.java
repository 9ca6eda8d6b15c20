package org.item2vec.api.map;

import static org.item2vec.api.TestModels.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.item2vec.api.TestModels;
import org.item2vec.api.index.AnnIndex;
import org.item2vec.api.model.IndexSettings;
import org.item2vec.api.model.ItemVectors;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingMapTest {
    private static final ModelLoader LOADER = new ModelLoader(new IndexSettings(20_000, AnnIndex.Params.DEFAULT, 1));

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong();
    private final EmbeddingMapCache cache = new EmbeddingMapCache(Duration.ofSeconds(5), now::get);

    private Model published(TestModels models) {
        String version = models.publish(dir);
        return LOADER.loadVersion(dir.resolve(version));
    }

    private static EmbeddingMap.Point point(EmbeddingMap map, String item) {
        return map.items().stream().filter(p -> p.item().equals(item)).findFirst().orElseThrow();
    }

    private static double distance(EmbeddingMap map, String a, String b) {
        EmbeddingMap.Point p = point(map, a);
        EmbeddingMap.Point q = point(map, b);
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    /** The market whose centre on the map is nearest to the point. */
    private static String nearestCentre(EmbeddingMap map, EmbeddingMap.Point point) {
        Map<String, List<EmbeddingMap.Point>> markets = map.items().stream()
                .collect(Collectors.groupingBy(EmbeddingMap.Point::market));
        String nearest = null;
        double best = Double.MAX_VALUE;
        for (Map.Entry<String, List<EmbeddingMap.Point>> market : markets.entrySet()) {
            double x = market.getValue().stream().mapToDouble(EmbeddingMap.Point::x).average().orElseThrow();
            double y = market.getValue().stream().mapToDouble(EmbeddingMap.Point::y).average().orElseThrow();
            double d = Math.hypot(point.x() - x, point.y() - y);
            if (d < best) {
                best = d;
                nearest = market.getKey();
            }
        }
        return nearest;
    }

    @Test
    void drawsTheMostFrequentItemsWithTheirMarketsAndKeepsNeighboursNear() {
        EmbeddingMap map = EmbeddingMap.of(published(TestModels.clusteredMarketplace(40, 7)), 90);
        assertEquals("v000001", map.modelVersion());
        assertEquals(90, map.items().size());
        assertEquals(List.of("lisbon-000", "oslo-000", "rome-000"),
                map.items().subList(0, 3).stream().map(EmbeddingMap.Point::item).toList(), "most frequent first");
        assertEquals("oslo", map.items().get(1).market());
        assertEquals(map.items().get(0).count() - 1, map.items().get(1).count());
        double[] explained = map.explainedVariance();
        assertEquals(2, explained.length);
        assertTrue(explained[0] >= explained[1] && explained[0] + explained[1] <= 1 + 1e-9,
                explained[0] + ", " + explained[1]);
        // Three markets in three directions: the two axes span the plane of their centres.
        assertTrue(explained[0] + explained[1] > 0.5, "two axes show most of three clusters");
        long clustered = map.items().stream().filter(p -> nearestCentre(map, p).equals(p.market())).count();
        assertTrue(clustered >= 0.95 * map.items().size(), clustered + " items nearest their market's centre");
    }

    @Test
    void aPublishedVersionsMapIsComputedOnce() {
        Model model = published(TestModels.marketplace());
        EmbeddingMap map = cache.get(model, 6);
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertSame(map, cache.get(model, 6));
        EmbeddingMap two = cache.get(model, 2);
        assertEquals(2, two.items().size(), "another limit is another map");
        assertSame(two, cache.get(model, 2));
    }

    @Test
    void theLiveModelsMapIsComputedAgainOnlyOnceTheRecomputeIntervalHasPassed() {
        Model model = published(TestModels.marketplace());
        EmbeddingMap before = cache.get(model, 6);
        // The trainer moves p4 onto r2: a new model of the same version.
        Model changed = model.withChanges(Map.of("p4", ItemVectors.of("p4", 20,
                v(0, 0, 1, 0, 0.9f, 0, 0, 0), 4)), model.info());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertSame(before, cache.get(changed, 6), "recomputed at most every 5 s");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        EmbeddingMap after = cache.get(changed, 6);
        assertNotSame(before, after);
        assertNotEquals(point(before, "p4").x(), point(after, "p4").x());
        assertEquals(0, distance(after, "p4", "r2"), 1e-6);
    }

    @Test
    void versionsHaveTheirOwnMaps() {
        Model first = published(TestModels.marketplace());
        Model second = published(TestModels.clusteredMarketplace(10, 1));
        assertEquals("v000001", cache.get(first, 6).modelVersion());
        assertEquals("v000002", cache.get(second, 6).modelVersion());
        assertEquals("v000001", cache.get(first, 6).modelVersion());
    }
}
