package org.item2vec.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The durable home of a model, in RocksDB: the vectors (input and output) and AdaGrad state of each item,
 * the vocabulary counts, the noise table, the sessions remembered for replay, listing metadata, the parameters, and the Kafka offsets the model
 * has consumed up to. This class reads it; it is opened as the {@link EmbeddingStoreWriter} the trainer saves
 * into, or as an {@link EmbeddingStoreReader} that follows a live store or reads a published one.
 */
public abstract sealed class EmbeddingStore implements AutoCloseable
        permits EmbeddingStoreWriter, EmbeddingStoreReader {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PARAMS_KEY = Codec.utf8("params");
    static final byte[] PROGRESS_KEY = Codec.utf8("progress");
    static final byte[] IDENTITY_KEY = Codec.utf8("identity");
    static final byte[] BASE_KEY = Codec.utf8("base");
    private static final List<String> FAMILIES =
            List.of("vocab", "vectors", "adagrad", "noise", "offsets", "listings", "changes", "memory");
    /** Families newer than the store format's first release: a reader opens an older store without them. */
    private static final Set<String> LATER_FAMILIES = Set.of("memory");
    /** How many saves the change log keeps: an hour at the default flush interval of 1 s. */
    static final int CHANGE_LOG_LENGTH = 3600;

    static {
        RocksDB.loadLibrary();
    }

    final Path directory;
    final RocksDB db;
    private final DBOptions options;
    final List<ColumnFamilyHandle> handles;
    private final List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
    final ColumnFamilyHandle meta;
    final ColumnFamilyHandle vocab;
    final ColumnFamilyHandle vectors;
    final ColumnFamilyHandle adagrad;
    final ColumnFamilyHandle noise;
    final ColumnFamilyHandle offsets;
    final ColumnFamilyHandle listings;
    final ColumnFamilyHandle changes;
    /** Sessions remembered for replay; {@code null} in a store written before they were kept. */
    final ColumnFamilyHandle memory;

    /** How far training has got: saved with every batch. */
    public record Progress(long appliedPairs, long appliedMessages, int noiseFilled, double noiseMass,
                           long rememberedSessions) {
        public static final Progress NONE = new Progress(0, 0, 0, 0, 0);
    }

    enum Mode { WRITER, READ_ONLY, FOLLOWER }

    EmbeddingStore(Path directory, Mode mode, Path followerDirectory) {
        this.directory = directory;
        this.options = new DBOptions().setCreateIfMissing(mode == Mode.WRITER)
                .setCreateMissingColumnFamilies(mode == Mode.WRITER)
                .setMaxOpenFiles(mode == Mode.FOLLOWER ? -1 : 512);
        this.handles = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        try {
            if (mode == Mode.WRITER) {
                Files.createDirectories(directory);
            }
            String path = directory.toAbsolutePath().toString();
            Set<String> existing = mode == Mode.WRITER ? Set.copyOf(FAMILIES) : existingFamilies(path);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions()));
            for (String name : FAMILIES) {
                if (existing.contains(name) || !LATER_FAMILIES.contains(name)) {
                    descriptors.add(new ColumnFamilyDescriptor(Codec.utf8(name), familyOptions()));
                    opened.add(name);
                }
            }
            db = switch (mode) {
                case WRITER -> RocksDB.open(options, path, descriptors, handles);
                case READ_ONLY -> RocksDB.openReadOnly(options, path, descriptors, handles);
                case FOLLOWER -> RocksDB.openAsSecondary(options, path,
                        followerDirectory.toAbsolutePath().toString(), descriptors, handles);
            };
            if (mode == Mode.FOLLOWER) {
                db.tryCatchUpWithPrimary(); // opening reads the files; recent writes are still in the log
            }
        } catch (RocksDBException | IOException e) {
            options.close();
            familyOptions.forEach(ColumnFamilyOptions::close);
            throw new StoreException("cannot open the embedding store in " + directory + ": " + e.getMessage(), e);
        }
        meta = handles.get(0);
        vocab = handles.get(1);
        vectors = handles.get(2);
        adagrad = handles.get(3);
        noise = handles.get(4);
        offsets = handles.get(5);
        listings = handles.get(6);
        changes = handles.get(7);
        memory = opened.contains("memory") ? handles.get(8) : null;
    }

    private static Set<String> existingFamilies(String path) throws RocksDBException {
        try (Options options = new Options()) {
            Set<String> names = new HashSet<>();
            RocksDB.listColumnFamilies(options, path).forEach(name -> names.add(Codec.utf8(name)));
            return names;
        }
    }

    private ColumnFamilyOptions familyOptions() {
        ColumnFamilyOptions family = new ColumnFamilyOptions();
        familyOptions.add(family);
        return family;
    }

    public Path directory() {
        return directory;
    }

    // ---- parameters and progress ----

    public Optional<OnlineParams> params() {
        return readJson(PARAMS_KEY, OnlineParams.class);
    }

    /** The published version this store was rebased onto, if any. */
    public Optional<String> base() {
        try {
            byte[] value = db.get(meta, BASE_KEY);
            return value == null ? Optional.empty() : Optional.of(Codec.utf8(value));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    public Progress progress() {
        return readJson(PROGRESS_KEY, Progress.class).orElse(Progress.NONE);
    }

    private <T> Optional<T> readJson(byte[] key, Class<T> type) {
        try {
            byte[] bytes = db.get(meta, key);
            return bytes == null ? Optional.empty() : Optional.of(JSON.readValue(bytes, type));
        } catch (RocksDBException | IOException e) {
            throw failure("read " + Codec.utf8(key) + " from", e);
        }
    }

    /** The next offset to consume per {@code topic:partition}. */
    public Map<String, Long> offsets() {
        Map<String, Long> result = new LinkedHashMap<>();
        forEach(offsets, (key, value) -> result.put(Codec.utf8(key), Codec.longValue(value)));
        return result;
    }

    /** Restores the whole model into memory. */
    public OnlineModel loadModel() {
        OnlineParams params = params().orElseThrow(() -> new StoreException("no model in " + directory));
        OnlineModel model = new OnlineModel(params);
        int width = 2 * params.dim();
        forEach(vocab, (key, value) -> {
            String item = Codec.utf8(key);
            float[] vector = get(vectors, key);
            float[] squares = get(adagrad, key);
            if (vector == null || vector.length != width || squares == null || squares.length != width) {
                throw new StoreException("the store in " + directory + " is damaged: item '" + item
                        + "' has no complete vectors");
            }
            model.restoreRow(item, Codec.row(value), Codec.count(value), vector, squares);
        });
        forEach(noise, (key, value) -> model.noise().restoreChunk(Codec.intKey(key), Codec.ints(value)));
        Progress progress = progress();
        model.noise().restoreState(progress.noiseFilled(), progress.noiseMass());
        if (memory != null) {
            forEach(memory, (key, value) -> model.memory().restoreSlot(Codec.intKey(key), sessionItems(value)));
        }
        model.memory().restoreAdded(progress.rememberedSessions());
        model.finishRestore(progress.appliedPairs());
        return model;
    }

    private List<String> sessionItems(byte[] json) {
        try {
            return Arrays.asList(JSON.readValue(json, String[].class));
        } catch (IOException e) {
            throw new StoreException("the store in " + directory + " holds an unreadable remembered session", e);
        }
    }

    float[] get(ColumnFamilyHandle family, byte[] key) {
        try {
            byte[] value = db.get(family, key);
            return value == null ? null : Codec.floats(value);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    public List<Listing> listings() {
        List<Listing> result = new ArrayList<>();
        forEach(listings, (key, value) -> {
            try {
                result.add(JSON.readValue(value, Listing.class));
            } catch (IOException e) {
                throw new StoreException("the store in " + directory + " holds an unreadable listing", e);
            }
        });
        return result;
    }

    /**
     * A random id given to the store when it was created: a reader that sees it change knows that the
     * directory now holds another store (one put in its place), whose change log is not a continuation.
     */
    public String identity() {
        try {
            byte[] value = db.get(meta, IDENTITY_KEY);
            return value == null ? "" : Codec.utf8(value);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** The number of the last save in the change log; 0 before the first. */
    public long changeSequence() {
        try (RocksIterator it = db.newIterator(changes)) {
            it.seekToLast();
            return it.isValid() ? Codec.longKey(it.key()) : 0;
        }
    }

    /** An item's input vector followed by its output vector, or empty when the item is unknown. */
    public Optional<float[]> vectors(String item) {
        return Optional.ofNullable(get(vectors, Codec.utf8(item)));
    }

    /** An item's count, or 0 when it is unknown. */
    public long count(String item) {
        try {
            byte[] value = db.get(vocab, Codec.utf8(item));
            return value == null ? 0 : Codec.count(value);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** An item as readers see it: its count and its input vector followed by its output vector. */
    public record StoredItem(String item, long count, float[] vectors) {
    }

    /** One item, or empty when it is unknown. */
    public Optional<StoredItem> item(String item) {
        byte[] key = Codec.utf8(item);
        try {
            byte[] entry = db.get(vocab, key);
            float[] vector = get(vectors, key);
            return entry == null || vector == null ? Optional.empty()
                    : Optional.of(new StoredItem(item, Codec.count(entry), vector));
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Calls {@code action} with every item, in key order. */
    public void forEachItem(Consumer<StoredItem> action) {
        try (RocksIterator counts = db.newIterator(vocab)) {
            counts.seekToFirst();
            forEach(vectors, (key, value) -> {
                // Both families hold the same keys (written in one batch), so one pass walks them side by side.
                while (counts.isValid() && Arrays.compareUnsigned(counts.key(), key) < 0) {
                    counts.next();
                }
                long count = counts.isValid() && Arrays.equals(counts.key(), key) ? Codec.count(counts.value()) : 0;
                action.accept(new StoredItem(Codec.utf8(key), count, Codec.floats(value)));
            });
        }
    }

    /** A listing, or empty when none was received for the item. */
    public Optional<Listing> listing(String item) {
        try {
            byte[] value = db.get(listings, Codec.utf8(item));
            return value == null ? Optional.empty() : Optional.of(JSON.readValue(value, Listing.class));
        } catch (RocksDBException | IOException e) {
            throw failure("read a listing from", e);
        }
    }

    private void forEach(ColumnFamilyHandle family, BiConsumer<byte[], byte[]> action) {
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(it.key(), it.value());
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    StoreException failure(String action, Exception e) {
        return new StoreException("cannot " + action + " the embedding store in " + directory + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
        familyOptions.forEach(ColumnFamilyOptions::close);
    }
}
