package org.item2vec.api.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.item2vec.learn.io.Directories;
import org.item2vec.store.ChangeLog;
import org.item2vec.store.EmbeddingStoreReader;

/**
 * Follows the live trainer's store: each {@link #refresh} reads the store's latest writes and applies the
 * items of its change log to the model in memory, so recommendations move within a refresh interval of the
 * trainer's save. The model is read and indexed again from scratch when the changes pile up past a bound,
 * when the log no longer reaches back far enough, or when another store was put in the directory (seen by
 * the directory's file key, or by the store's identity).
 */
final class LiveFollower implements AutoCloseable {
    private final Path storeDirectory;
    private final ModelLoader loader;
    private final int maxChanged;
    private EmbeddingStoreReader store;
    private Path followerDirectory;
    private Object directoryKey;
    private String identity;
    private long sequence;

    /**
     * @param maxChanged how many changed items a model carries on top of its table before it is read and
     *                   indexed again
     */
    LiveFollower(Path storeDirectory, ModelLoader loader, int maxChanged) {
        this.storeDirectory = storeDirectory;
        this.loader = loader;
        this.maxChanged = maxChanged;
    }

    /** Whether the trainer has created its store yet. */
    boolean storeExists() {
        return Files.exists(storeDirectory.resolve("CURRENT"));
    }

    /** The live model after the trainer's latest writes; {@code current} is the last one returned. */
    Model refresh(Model current) {
        if (store != null && !directoryKey().equals(directoryKey)) {
            close(); // another store was put in the directory: the open files are the old one's
            current = null;
        }
        if (store == null) {
            open();
        } else {
            store.catchUp();
        }
        if (store.params().isEmpty()) {
            return null; // created, not yet initialised
        }
        if (current == null || !identity.equals(store.identity())) {
            return reload();
        }
        Optional<ChangeLog> changes = store.changesSince(sequence);
        if (changes.isEmpty()) {
            return reload();
        }
        ChangeLog log = changes.get();
        if (log.isEmpty()) {
            return current;
        }
        if (current.changedCount() + log.items().size() + log.listings().size() > maxChanged) {
            return reload();
        }
        Map<String, ItemVectors> updates = new HashMap<>();
        for (String listing : log.listings()) {
            store.listing(listing).ifPresent(current.listings()::put);
            // A listing may move an item to another market: its row must leave the table's market groups.
            if (current.vectors(listing).isPresent()) {
                updates.put(listing, read(listing, current.dim()));
            }
        }
        for (String item : log.items()) {
            updates.put(item, read(item, current.dim()));
        }
        sequence = log.sequence();
        return current.withChanges(updates, liveInfo(current.dim()));
    }

    private ItemVectors read(String item, int dim) {
        return store.item(item).map(stored -> ItemVectors.of(item, stored.count(), stored.vectors(), dim))
                .orElse(null);
    }

    private ModelInfo liveInfo(int dim) {
        return ModelInfo.live(store, dim);
    }

    private Model reload() {
        identity = store.identity();
        sequence = store.changeSequence();
        return loader.loadLive(store);
    }

    private void open() {
        try {
            followerDirectory = Files.createTempDirectory("item2vec-api-follower");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the live store's reader", e);
        }
        directoryKey = directoryKey();
        store = EmbeddingStoreReader.openFollower(storeDirectory, followerDirectory);
        identity = store.identity();
    }

    /** What the file system calls the directory (its inode on Linux): new when a store is swapped in. */
    private Object directoryKey() {
        try {
            Object key = Files.readAttributes(storeDirectory, BasicFileAttributes.class).fileKey();
            return key == null ? storeDirectory : key;
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (followerDirectory != null) {
            try {
                Directories.deleteRecursively(followerDirectory);
            } catch (IOException e) {
                // only this reader's own log files are left behind
            }
            followerDirectory = null;
        }
    }
}
