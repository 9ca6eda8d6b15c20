package org.item2vec.api.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where models come from and which one answers by default.
 *
 * @param versionsDirectory published versions ({@code v000001}…), or {@code null} for none
 * @param liveDirectory     the live trainer's store, or {@code null} for none
 * @param defaultModel      {@code auto} (the live model when there is one, else the newest version),
 *                          {@code latest}, {@code live}, or a version name
 * @param keepVersions      how many of the newest versions stay loaded
 * @param pinnedVersions    versions loaded whatever their age (configured ones, and those experiments use),
 *                          asked at every refresh
 * @param refreshInterval   how often new versions and the live store's changes are picked up
 * @param maxLiveChanges    changed items the live model carries before it is read and indexed again
 */
public record RegistrySettings(Path versionsDirectory, Path liveDirectory, String defaultModel, int keepVersions,
                               Supplier<Set<String>> pinnedVersions, Duration refreshInterval, int maxLiveChanges) {
    public static final String AUTO = "auto";
    public static final String LATEST = "latest";
}
