package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The API's settings, bound from {@code item2vec.api.*} in {@code application.yml}, which holds every default
 * with a comment, and overridden by environment variables such as {@code ITEM2VEC_API_DATA_DIR}.
 *
 * @param dataDir     where the trainer keeps its live store ({@code model}) and published versions
 *                    ({@code versions})
 * @param liveDir     the live store, when not {@code DATA_DIR/model}; {@code none} to serve versions only
 * @param versionsDir the published versions, when not {@code DATA_DIR/versions}
 * @param defaultModel {@code auto} (the live model if any, else the newest version), {@code latest},
 *                    {@code live}, or a version name
 */
@ConfigurationProperties("item2vec.api")
public record ApiSettings(Path dataDir, String liveDir, String versionsDir, String defaultModel, int keepVersions,
                          List<String> pinnedVersions, Duration refreshInterval, int maxLiveChanges,
                          int annThreshold, int hnswM, int hnswEfConstruction, int hnswEf, int indexThreads,
                          int defaultK, int maxK, int maxIdLength, int maxExclude, int maxItemsLimit) {
    public static final String NONE = "none";

    public Path liveDirectory() {
        return liveDir == null || liveDir.isBlank() ? dataDir.resolve("model")
                : liveDir.equals(NONE) ? null : Path.of(liveDir);
    }

    public Path versionsDirectory() {
        return versionsDir == null || versionsDir.isBlank() ? dataDir.resolve("versions") : Path.of(versionsDir);
    }
}
