package org.item2vec.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.store.EmbeddingStoreWriter;

/**
 * A live trainer as an API test plays it: a temporary data directory whose live store holds
 * {@link TestModels#trio()}, saved whole with no messages applied, for a server started on the directory to
 * follow. The test trains {@link #model()} and {@link #save}s it, as the trainer would.
 */
public final class LiveTrainer implements AutoCloseable {
    private final Path data;
    private final OnlineModel model;
    private final EmbeddingStoreWriter store;

    private LiveTrainer(Path data, OnlineModel model, EmbeddingStoreWriter store) {
        this.data = data;
        this.model = model;
        this.store = store;
    }

    /** A new temporary data directory named after {@code prefix}, with the trainer's store in it. */
    public static LiveTrainer start(String prefix) {
        try {
            Path data = Files.createTempDirectory(prefix);
            TestModels models = TestModels.trio();
            OnlineModel model = models.build();
            EmbeddingStoreWriter store = EmbeddingStoreWriter.open(data.resolve("model"));
            store.initialize(models.params());
            store.saveEverything(model, Map.of(), List.of(), 0);
            return new LiveTrainer(data, model, store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path data() {
        return data;
    }

    public OnlineModel model() {
        return model;
    }

    /** Saves what changed in the model, having consumed the sessions topic up to {@code offset}. */
    public void save(long offset, long appliedMessages) {
        store.save(model, Map.of("sessions:0", offset), List.of(), appliedMessages);
    }

    /** The settings of an API server on a free port serving this data directory. */
    public Map<String, String> serverProperties() {
        return Map.of("item2vec.api.data-dir", data.toString(), "micronaut.server.port", "-1");
    }

    @Override
    public void close() {
        store.close();
    }
}
