package org.item2vec.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.AdaptiveNoiseTable;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The store the trainer writes. Training runs on memory-resident arrays ({@link OnlineModel}); {@link #save}
 * writes the rows that changed <em>together with the offsets</em> in one atomic {@link WriteBatch}, and notes
 * what changed in the change log its readers follow. After a crash the store holds exactly the effect of the
 * messages before its offsets: the trainer resumes there, and no update is lost or applied twice.
 */
public final class EmbeddingStoreWriter extends EmbeddingStore {
    private long lastChange;

    private EmbeddingStoreWriter(Path directory) {
        super(directory, Mode.WRITER, null);
        createIdentity();
        lastChange = changeSequence();
    }

    /** Opens (creating if needed) the store the trainer writes. Only one process may hold it. */
    public static EmbeddingStoreWriter open(Path directory) {
        return new EmbeddingStoreWriter(directory);
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

    /** Records the parameters of a new model; a model keeps the parameters it was created with. */
    public void initialize(OnlineParams params) {
        try {
            db.put(meta, PARAMS_KEY, JSON.writeValueAsBytes(params));
        } catch (RocksDBException | JsonProcessingException e) {
            throw failure("write parameters to", e);
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
}
