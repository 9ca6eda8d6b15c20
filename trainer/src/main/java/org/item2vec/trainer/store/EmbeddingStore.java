package org.item2vec.trainer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.item2vec.trainer.online.AdaptiveNoiseTable;
import org.item2vec.trainer.online.Listing;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable home of a model, in RocksDB: the vectors (input and output) and AdaGrad state of each item,
 * the vocabulary counts, the noise table, the sessions remembered for replay, listing metadata, the
 * parameters, and the Kafka offsets the model has consumed up to.
 *
 * <p>Training runs on memory-resident arrays ({@link OnlineModel}); {@link #save} writes the rows that
 * changed <em>together with the offsets</em> in one atomic {@link WriteBatch}. After a crash the store holds
 * exactly the effect of the messages before its offsets: the trainer resumes there, and no update is lost or
 * applied twice.
 *
 * <p>Readers (the API) open the directory as a follower ({@link #openFollower}) and call {@link #catchUp}
 * to see the trainer's latest writes.
 */
public final class EmbeddingStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PARAMS_KEY = Codec.utf8("params");
    private static final byte[] PROGRESS_KEY = Codec.utf8("progress");
    private static final byte[] IDENTITY_KEY = Codec.utf8("identity");
    private static final byte[] BASE_KEY = Codec.utf8("base");
    private static final List<String> FAMILIES =
            List.of("vocab", "vectors", "adagrad", "noise", "offsets", "listings", "changes", "memory");
    /** How many saves the change log keeps: an hour at the default flush interval of 1 s. */
    static final int CHANGE_LOG_LENGTH = 3600;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final RocksDB db;
    private final DBOptions options;
    private final List<ColumnFamilyHandle> handles;
    private final List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
    private final ColumnFamilyHandle meta;
    private final ColumnFamilyHandle vocab;
    private final ColumnFamilyHandle vectors;
    private final ColumnFamilyHandle adagrad;
    private final ColumnFamilyHandle noise;
    private final ColumnFamilyHandle offsets;
    private final ColumnFamilyHandle listings;
    private final ColumnFamilyHandle changes;
    private final ColumnFamilyHandle memory;
    private long lastChange;

    /** How far training has got: saved with every batch. */
    public record Progress(long appliedPairs, long appliedMessages, int noiseFilled, double noiseMass,
                           long rememberedSessions) {
        public static final Progress NONE = new Progress(0, 0, 0, 0, 0);
    }

    private enum Mode { WRITER, READ_ONLY, FOLLOWER }

    private EmbeddingStore(Path directory, Mode mode, Path followerDirectory) {
        this.directory = directory;
        this.options = new DBOptions().setCreateIfMissing(mode == Mode.WRITER)
                .setCreateMissingColumnFamilies(mode == Mode.WRITER)
                .setMaxOpenFiles(mode == Mode.FOLLOWER ? -1 : 512);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions()));
        FAMILIES.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(Codec.utf8(name), familyOptions())));
        this.handles = new ArrayList<>();
        try {
            if (mode == Mode.WRITER) {
                Files.createDirectories(directory);
            }
            String path = directory.toAbsolutePath().toString();
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
        memory = handles.get(8);
        lastChange = changeSequence();
        if (mode == Mode.WRITER) {
            createIdentity();
        }
    }

    private void createIdentity() {
        try {
            if (db.get(meta, IDENTITY_KEY) == null) {
                db.put(meta, IDENTITY_KEY, Codec.utf8(UUID.randomUUID().toString()));
            }
        } catch (RocksDBException e) {
            throw failure("write to", e);
        }
    }

    private ColumnFamilyOptions familyOptions() {
        ColumnFamilyOptions family = new ColumnFamilyOptions();
        familyOptions.add(family);
        return family;
    }

    /** Opens (creating if needed) the store the trainer writes. Only one process may hold it. */
    public static EmbeddingStore open(Path directory) {
        return new EmbeddingStore(directory, Mode.WRITER, null);
    }

    /** Opens a store that nobody writes, such as a published snapshot. */
    public static EmbeddingStore openReadOnly(Path directory) {
        return new EmbeddingStore(directory, Mode.READ_ONLY, null);
    }

    /**
     * Opens a live store for reading while the trainer writes it; {@code followerDirectory} holds this
     * reader's own logs.
     */
    public static EmbeddingStore openFollower(Path directory, Path followerDirectory) {
        return new EmbeddingStore(directory, Mode.FOLLOWER, followerDirectory);
    }

    /** A follower reads the writes the trainer made since the last call. */
    public void catchUp() {
        try {
            db.tryCatchUpWithPrimary();
        } catch (RocksDBException e) {
            throw failure("catch up with", e);
        }
    }

    public Path directory() {
        return directory;
    }

    // ---- parameters and progress ----

    public Optional<OnlineParams> params() {
        return readJson(PARAMS_KEY, OnlineParams.class);
    }

    /** Records the parameters of a new model; a model keeps the parameters it was created with. */
    public void initialize(OnlineParams params) {
        try {
            db.put(meta, PARAMS_KEY, JSON.writeValueAsBytes(params));
        } catch (RocksDBException | JsonProcessingException e) {
            throw failure("write parameters to", e);
        }
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

    /** Records the published version this store starts from. */
    public void markBase(String version) {
        try {
            db.put(meta, BASE_KEY, Codec.utf8(version));
        } catch (RocksDBException e) {
            throw failure("write to", e);
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

    // ---- the trainer's side ----

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
        forEach(memory, (key, value) -> model.memory().restoreSlot(Codec.intKey(key), sessionItems(value)));
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

    private float[] get(ColumnFamilyHandle family, byte[] key) {
        try {
            byte[] value = db.get(family, key);
            return value == null ? null : Codec.floats(value);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /**
     * Writes everything that changed in {@code model} since the last save, the listings received since, the
     * new offsets and the progress, in one atomic batch.
     */
    public void save(OnlineModel model, Map<String, Long> nextOffsets, List<Listing> newListings,
                     long appliedMessages) {
        write(model, model.takeDirtyRows(), model.takeEvicted(), model.noise().takeDirtyChunks(),
                model.memory().takeDirtySlots(), nextOffsets, newListings, appliedMessages, true);
    }

    /**
     * Writes the whole of {@code model} into this (new) store, leaving the model's record of changes alone:
     * how a version is published and a live store rebased. The store is then flushed to table files, so that
     * it opens without replaying the whole model from its log.
     */
    public void saveEverything(OnlineModel model, Map<String, Long> nextOffsets, List<Listing> allListings,
                               long appliedMessages) {
        int[] chunks = new int[model.noise().chunkCount()];
        Arrays.setAll(chunks, i -> i);
        int[] slots = new int[model.memory().size()];
        Arrays.setAll(slots, i -> i);
        write(model, model.liveRows(), Set.of(), chunks, slots, nextOffsets, allListings, appliedMessages, false);
        flush();
    }

    private void write(OnlineModel model, int[] rows, Set<String> evicted, int[] noiseChunks, int[] memorySlots,
                       Map<String, Long> nextOffsets, List<Listing> newListings, long appliedMessages,
                       boolean logChanges) {
        int width = 2 * model.params().dim();
        float[] vector = new float[width];
        float[] squares = new float[width];
        try (WriteBatch batch = new WriteBatch(); WriteOptions write = new WriteOptions()) {
            for (int row : rows) {
                byte[] key = Codec.utf8(model.item(row));
                model.copyRow(row, vector, squares);
                batch.put(vocab, key, Codec.rowAndCount(row, model.count(row)));
                batch.put(vectors, key, Codec.floats(vector));
                batch.put(adagrad, key, Codec.floats(squares));
            }
            for (String item : evicted) {
                byte[] key = Codec.utf8(item);
                batch.delete(vocab, key);
                batch.delete(vectors, key);
                batch.delete(adagrad, key);
            }
            AdaptiveNoiseTable table = model.noise();
            for (int chunk : noiseChunks) {
                batch.put(noise, Codec.intKey(chunk), Codec.ints(table.chunk(chunk)));
            }
            for (int slot : memorySlots) {
                batch.put(memory, Codec.intKey(slot), JSON.writeValueAsBytes(model.memory().slot(slot)));
            }
            for (Listing listing : newListings) {
                batch.put(listings, Codec.utf8(listing.item()), JSON.writeValueAsBytes(listing));
            }
            for (Map.Entry<String, Long> offset : nextOffsets.entrySet()) {
                batch.put(offsets, Codec.utf8(offset.getKey()), Codec.longValue(offset.getValue()));
            }
            Progress progress = new Progress(model.appliedPairs(), appliedMessages, table.filled(), table.mass(),
                    model.memory().added());
            batch.put(meta, PROGRESS_KEY, JSON.writeValueAsBytes(progress));
            long sequence = lastChange + 1;
            if (logChanges) {
                List<String> changedItems = new ArrayList<>(evicted);
                for (int row : rows) {
                    changedItems.add(model.item(row));
                }
                List<String> changedListings = newListings.stream().map(Listing::item).toList();
                batch.put(changes, Codec.longKey(sequence), ChangeLog.encode(changedItems, changedListings));
                if (sequence > CHANGE_LOG_LENGTH) {
                    batch.deleteRange(changes, Codec.longKey(0), Codec.longKey(sequence - CHANGE_LOG_LENGTH));
                }
            }
            db.write(write, batch);
            if (logChanges) {
                lastChange = sequence;
            }
        } catch (RocksDBException | JsonProcessingException e) {
            throw failure("write to", e);
        }
    }

    private void flush() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            throw failure("flush", e);
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

    // ---- the readers' side ----

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

    /**
     * What the saves after {@code sequence} changed, or empty when the change log no longer reaches back that
     * far (the reader must then read the whole store again).
     */
    public Optional<ChangeLog> changesSince(long sequence) {
        ChangeLog.Builder log = new ChangeLog.Builder(sequence);
        long first = sequence == 0 ? 1 : sequence; // the reader's last save must still be in the log
        try (RocksIterator it = db.newIterator(changes)) {
            it.seek(Codec.longKey(first));
            if (!it.isValid()) {
                it.status();
                return sequence == 0 ? Optional.of(log.build()) : Optional.empty();
            }
            if (Codec.longKey(it.key()) != first) {
                return Optional.empty();
            }
            for (; it.isValid(); it.next()) {
                long at = Codec.longKey(it.key());
                if (at > sequence) {
                    log.add(at, it.value());
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw failure("read the change log of", e);
        }
        return Optional.of(log.build());
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

    /**
     * Writes a consistent copy of the store (a RocksDB checkpoint: hard links where possible) into
     * {@code target}, which must not exist. A checkpoint flushes the store's log, which followers of a live
     * store do not reliably notice: live stores are published with {@link #saveEverything} instead.
     */
    public void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toAbsolutePath().toString());
        } catch (RocksDBException e) {
            throw failure("checkpoint", e);
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

    private StoreException failure(String action, Exception e) {
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
