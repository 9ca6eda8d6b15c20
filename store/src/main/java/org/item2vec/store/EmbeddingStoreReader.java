package org.item2vec.store;

import java.nio.file.Path;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A store opened for reading: a published version that nobody writes ({@link #openReadOnly}), or the live
 * store while the trainer writes it ({@link #openFollower}), whose latest saves the reader sees by
 * {@link #catchUp} and learns of through the change log ({@link #changesSince}).
 */
public final class EmbeddingStoreReader extends EmbeddingStore {
    private EmbeddingStoreReader(Path directory, Mode mode, Path followerDirectory) {
        super(directory, mode, followerDirectory);
    }

    /** Opens a store that nobody writes, such as a published snapshot. */
    public static EmbeddingStoreReader openReadOnly(Path directory) {
        return new EmbeddingStoreReader(directory, Mode.READ_ONLY, null);
    }

    /**
     * Opens a live store for reading while the trainer writes it; {@code followerDirectory} holds this
     * reader's own logs.
     */
    public static EmbeddingStoreReader openFollower(Path directory, Path followerDirectory) {
        return new EmbeddingStoreReader(directory, Mode.FOLLOWER, followerDirectory);
    }

    /** A follower reads the writes the trainer made since the last call. */
    public void catchUp() {
        try {
            db.tryCatchUpWithPrimary();
        } catch (RocksDBException e) {
            throw failure("catch up with", e);
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
}
