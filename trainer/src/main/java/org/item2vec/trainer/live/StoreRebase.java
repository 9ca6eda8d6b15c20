package org.item2vec.trainer.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.io.Directories;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.StoreException;

/**
 * Puts a published version in the place of the live store: a new store is written beside it
 * ({@code model.rebase}) from the version, then the directories are swapped by two renames. A crash anywhere
 * leaves either the old store or the new one in place; {@link #recover} tidies up what a crash between the
 * renames leaves, and the trainer then simply rebases again.
 */
final class StoreRebase {
    /** The model, listings and offsets of a version, now also in the new live store. */
    record Rebased(String version, OnlineModel model, List<Listing> listings, Map<String, Long> offsets,
                   long appliedMessages) {
    }

    private StoreRebase() {
    }

    /** Reads a version and writes it as a new live store beside {@code liveDir}. */
    static Rebased prepare(Path versionDir, Path liveDir) {
        ModelVersions.Manifest manifest = ModelVersions.verify(versionDir);
        OnlineModel model;
        List<Listing> listings;
        Map<String, Long> offsets;
        long appliedMessages;
        try (EmbeddingStoreReader version = EmbeddingStoreReader.openReadOnly(versionDir)) {
            model = version.loadModel();
            listings = version.listings();
            offsets = version.offsets();
            appliedMessages = version.progress().appliedMessages();
        }
        Path next = sibling(liveDir, ".rebase");
        deleteQuietly(next);
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(next)) {
            store.initialize(model.params());
            store.saveEverything(model, offsets, listings, appliedMessages);
            store.markBase(manifest.version());
        }
        return new Rebased(manifest.version(), model, listings, offsets, appliedMessages);
    }

    /** Swaps the prepared store into {@code liveDir}; the caller has closed the old one. */
    static void swap(Path liveDir) {
        Path replaced = sibling(liveDir, ".replaced");
        try {
            deleteQuietly(replaced);
            if (Files.exists(liveDir)) {
                Files.move(liveDir, replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(sibling(liveDir, ".rebase"), liveDir, StandardCopyOption.ATOMIC_MOVE);
            Directories.deleteRecursively(replaced);
        } catch (IOException e) {
            throw new StoreException("cannot put the rebased store in place of " + liveDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Before the store is opened: after a crash between the two renames the old store is put back (the rebase
     * runs again), and unfinished new stores are removed.
     */
    static void recover(Path liveDir, Consumer<String> log) {
        Path replaced = sibling(liveDir, ".replaced");
        Path next = sibling(liveDir, ".rebase");
        try {
            if (!Files.exists(liveDir) && Files.exists(replaced)) {
                Files.move(replaced, liveDir, StandardCopyOption.ATOMIC_MOVE);
                log.accept("trainer: an interrupted rebase left the store in " + replaced + "; it is back in "
                        + liveDir);
            }
            if (Files.exists(next) || Files.exists(replaced)) {
                Directories.deleteRecursively(next);
                Directories.deleteRecursively(replaced);
            }
        } catch (IOException e) {
            throw new StoreException("cannot tidy up after an interrupted rebase of " + liveDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path sibling(Path liveDir, String suffix) {
        Path absolute = liveDir.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + suffix);
    }

    private static void deleteQuietly(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            throw new StoreException("cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }
}
