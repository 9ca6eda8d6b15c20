package org.item2vec.api.map;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.item2vec.api.model.Model;

/**
 * The maps of the served models, one per model version and limit. A published version never changes, so its
 * map is computed once; the live model becomes a new {@link Model} with every save of the trainer, so its map
 * is computed again only once the one held is older than the recompute interval. The model a map was drawn
 * from is held weakly: a version the registry drops is not kept in memory by its map.
 *
 * <p>Thread-safe. Two requests that miss at once both compute the map, and the later one is kept.
 */
public final class EmbeddingMapCache {
    /** Maps kept: a few versions, each perhaps asked for with a few limits. */
    private static final int CAPACITY = 16;

    private record Key(String version, int limit) {
    }

    private record Entry(WeakReference<Model> model, long computedAt, EmbeddingMap map) {
    }

    private final long recomputeNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public EmbeddingMapCache(Duration recomputeInterval) {
        this(recomputeInterval, System::nanoTime);
    }

    EmbeddingMapCache(Duration recomputeInterval, LongSupplier nanoClock) {
        this.recomputeNanos = recomputeInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The map of a model's {@code limit} most frequent items, or a recent one of the same version. */
    public EmbeddingMap get(Model model, int limit) {
        Key key = new Key(model.version(), limit);
        long now = nanoClock.getAsLong();
        Entry entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry != null && (entry.model().get() == model || now - entry.computedAt() < recomputeNanos)) {
            return entry.map();
        }
        EmbeddingMap map = EmbeddingMap.of(model, limit);
        synchronized (entries) {
            entries.put(key, new Entry(new WeakReference<>(model), now, map));
        }
        return map;
    }
}
