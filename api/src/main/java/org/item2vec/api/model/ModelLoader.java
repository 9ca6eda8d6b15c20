package org.item2vec.api.model;

import java.nio.file.Path;
import java.util.Map;
import org.item2vec.api.index.MarketIndex;
import org.item2vec.learn.online.ListingCatalog;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.StoreException;

/** Reads a store into memory and indexes it: a published version, or the live store at one moment. */
public final class ModelLoader {
    private final IndexSettings settings;

    public ModelLoader(IndexSettings settings) {
        this.settings = settings;
    }

    /** Loads a published version after checking its files against its manifest's checksum. */
    public Model loadVersion(Path directory) {
        ModelVersions.Manifest manifest = ModelVersions.verify(directory);
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(directory)) {
            ModelInfo info = new ModelInfo(manifest.version(), manifest.kind(), null, manifest.createdAt(),
                    manifest.params().dim(), manifest.offsets(), manifest.metrics() == null ? Map.of() : manifest.metrics(),
                    store.progress().appliedMessages());
            return load(store, info);
        }
    }

    /** Loads what a live store holds now. */
    public Model loadLive(EmbeddingStore store) {
        return load(store, ModelInfo.live(store, paramsOf(store).dim()));
    }

    private Model load(EmbeddingStore store, ModelInfo info) {
        VectorTable table = VectorTable.read(store, paramsOf(store).dim());
        ListingCatalog listings = new ListingCatalog();
        store.listings().forEach(listings::put);
        MarketIndex index = MarketIndex.build(table.unit(), table.dim(), table.size(),
                row -> listings.market(table.item(row)), settings.annThreshold(), settings.hnsw(),
                settings.threads());
        return new Model(info, table, index, listings);
    }

    private static OnlineParams paramsOf(EmbeddingStore store) {
        return store.params().orElseThrow(() -> new StoreException("no model in " + store.directory()));
    }
}
