package org.item2vec.trainer.live;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.StoreException;

/**
 * Notices when another version becomes current (a retrain passed its gate, or a rollback) and prepares the
 * rebase onto it. A version that cannot be read is reported once and then left alone.
 */
final class VersionWatch {
    private final ModelVersions versions;
    private final Path dataDir;
    private final Consumer<String> log;
    private String unusableVersion;

    VersionWatch(ModelVersions versions, Path dataDir, Consumer<String> log) {
        this.versions = versions;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** The current version, ready to replace the live store, when it is not {@code base}. */
    Optional<StoreRebase.Rebased> rebaseDue(Optional<String> base) {
        Optional<String> current = versions.current();
        if (current.isEmpty() || current.equals(base) || current.get().equals(unusableVersion)) {
            return Optional.empty();
        }
        String version = current.get();
        log.accept("trainer: " + version + " is now current; rebasing the live model onto it");
        try {
            return Optional.of(StoreRebase.prepare(versions.root().resolve(version), dataDir));
        } catch (StoreException e) {
            unusableVersion = version;
            log.accept("trainer: cannot rebase onto " + version + ", training on without it: " + e.getMessage());
            return Optional.empty();
        }
    }
}
