package org.item2vec.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.io.Directories;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.online.OnlineParams;
import org.item2vec.store.EmbeddingStoreWriter;

/**
 * Published model versions: immutable directories {@code v000001}, {@code v000002}, … under one root, each a
 * RocksDB store (a checkpoint of a batch model, or a full copy of a live one) plus a {@code manifest.json} with
 * where it came from (parameters, data range, Kafka offsets), metrics and a SHA-256 checksum of the files. A
 * version is written under a temporary name and renamed when complete, so a reader never sees half a model.
 *
 * <p>The file {@code CURRENT} names the version the system stands on: a retrain that passed its gate makes its
 * version current, a rollback makes an earlier one current again, and the live trainer rebases onto it.
 * Snapshots of the live model are published beside it but never become current on their own.
 *
 * <p>Publishing, pruning and moving {@code CURRENT} hold a lock file, so that a retrain and the live trainer's
 * snapshots (in other processes) never pick the same version number.
 */
public final class ModelVersions {
    public static final String MANIFEST = "manifest.json";
    public static final String CURRENT = "CURRENT";
    /** A version from a full retrain. */
    public static final String RETRAIN = "retrain";
    /** A copy of the live model at one moment. */
    public static final String SNAPSHOT = "snapshot";
    private static final Pattern VERSION_NAME = Pattern.compile("v\\d{6}");
    private static final String LOCK = ".lock";
    private static final String UNFINISHED = ".tmp";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** File locks are per process; this keeps two threads of one process apart. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path root;

    /**
     * What a version holds and where it came from.
     *
     * @param kind      {@link #RETRAIN} or {@link #SNAPSHOT}
     * @param params    the parameters the live trainer continues with
     * @param offsets   next offset per {@code topic:partition}: where replay starts after a rebase onto it
     * @param dataRange for a retrain: the time range and amount of session history it learned from
     * @param training  for a retrain: the batch trainer's parameters
     * @param gate      for a retrain: the held-out comparison with the version that was current, and the decision
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(String version, String createdAt, String kind, OnlineParams params,
                           Map<String, Long> offsets, Map<String, Object> dataRange, Map<String, Object> training,
                           Map<String, Object> metrics, Map<String, Object> gate, String checksum) {
    }

    /** What the publisher knows about a version besides the model: see {@link Manifest}. */
    public record Provenance(String kind, Map<String, Object> dataRange, Map<String, Object> training,
                             Map<String, Object> metrics, Map<String, Object> gate) {
        public static Provenance snapshot(Map<String, Object> metrics) {
            return new Provenance(SNAPSHOT, null, null, metrics, null);
        }
    }

    public ModelVersions(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Publishes a checkpoint of a store that nobody else follows (a batch model) as the next version. */
    public Manifest publish(EmbeddingStoreWriter store, Map<String, Object> metrics) {
        return publish(store::checkpoint, store.params().orElseThrow(), store.offsets(),
                Provenance.snapshot(metrics));
    }

    /** Publishes a snapshot of a live model (with the offsets it has consumed up to) as the next version. */
    public Manifest publish(OnlineModel model, Map<String, Long> offsets, List<Listing> listings,
                            long appliedMessages, Map<String, Object> metrics) {
        return publish(model, offsets, listings, appliedMessages, Provenance.snapshot(metrics));
    }

    /** Publishes a model as the next version. */
    public Manifest publish(OnlineModel model, Map<String, Long> offsets, List<Listing> listings,
                            long appliedMessages, Provenance provenance) {
        return publish(temporary -> {
            try (EmbeddingStoreWriter copy = EmbeddingStoreWriter.open(temporary)) {
                copy.initialize(model.params());
                copy.saveEverything(model, offsets, listings, appliedMessages);
            }
        }, model.params(), offsets, provenance);
    }

    private Manifest publish(Consumer<Path> writeInto, OnlineParams params, Map<String, Long> offsets,
                             Provenance provenance) {
        return locked("publish a model version in", () -> {
            String version = String.format("v%06d", latestNumber() + 1);
            Path temporary = root.resolve("." + version + UNFINISHED);
            Directories.deleteRecursively(temporary);
            writeInto.accept(temporary);
            Manifest manifest = new Manifest(version, Instant.now().toString(), provenance.kind(), params,
                    offsets, provenance.dataRange(), provenance.training(), provenance.metrics(),
                    provenance.gate(), checksum(temporary));
            JSON.writeValue(temporary.resolve(MANIFEST).toFile(), manifest);
            move(temporary, root.resolve(version));
            return manifest;
        });
    }

    /** Whether {@code name} is a version's name and the version's directory is there. */
    private boolean isVersion(String name) {
        return VERSION_NAME.matcher(name).matches() && Files.isDirectory(root.resolve(name));
    }

    /** The published versions, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> isVersion(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list model versions in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The version {@code CURRENT} names, when it names one that exists. */
    public Optional<String> current() {
        try {
            String name = Files.readString(root.resolve(CURRENT), StandardCharsets.UTF_8).trim();
            return isVersion(name) ? Optional.of(name) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + root.resolve(CURRENT) + ": " + e.getMessage(), e);
        }
    }

    /** Makes a published version current, after checking its files against its checksum. */
    public Manifest makeCurrent(String version) {
        if (!isVersion(version)) {
            throw new StoreException("there is no model version '" + version + "' in " + root);
        }
        Manifest manifest = verify(root.resolve(version));
        locked("make a version current in", () -> {
            Path temporary = root.resolve(CURRENT + UNFINISHED);
            Files.writeString(temporary, version + "\n", StandardCharsets.UTF_8);
            move(temporary, root.resolve(CURRENT));
            return null;
        });
        return manifest;
    }

    /**
     * Makes an earlier version current again: {@code version}, or when empty the newest version older than the
     * current one.
     */
    public Manifest rollback(Optional<String> version) {
        if (version.isPresent()) {
            return makeCurrent(version.get());
        }
        String current = current().orElseThrow(() -> new StoreException(
                "no version is current in " + root + ": there is nothing to roll back"));
        String target = list().stream().map(p -> p.getFileName().toString())
                .filter(name -> name.compareTo(current) < 0).reduce((older, newer) -> newer)
                .orElseThrow(() -> new StoreException("no version older than " + current + " in " + root));
        return makeCurrent(target);
    }

    /**
     * Deletes all but the newest {@code keep} versions, never the current one, and what interrupted
     * publishers left behind. Returns the names deleted.
     */
    public List<String> prune(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("at least one version must be kept, got " + keep);
        }
        return locked("prune the model versions in", () -> {
            // First, so that a leftover of an earlier prune cannot stand in the way of renaming a version.
            for (Path leftover : leftovers()) {
                Directories.deleteRecursively(leftover);
            }
            List<String> deleted = new ArrayList<>();
            List<Path> versions = list();
            Optional<String> current = current();
            for (Path version : versions.subList(0, Math.max(0, versions.size() - keep))) {
                String name = version.getFileName().toString();
                if (current.isEmpty() || !current.get().equals(name)) {
                    // Renamed first, so that no reader finds a version half deleted.
                    Path doomed = root.resolve("." + name + ".deleted");
                    move(version, doomed);
                    Directories.deleteRecursively(doomed);
                    deleted.add(name);
                }
            }
            return deleted;
        });
    }

    /** Directories that an interrupted publish or prune left behind. */
    public List<Path> leftovers() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isDirectory(p) && name.startsWith(".v")
                        && (name.endsWith(UNFINISHED) || name.endsWith(".deleted"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads a version's manifest and checks its files against the checksum. */
    public static Manifest verify(Path version) {
        Manifest manifest = manifest(version);
        String actual;
        try {
            actual = checksum(version);
        } catch (IOException e) {
            throw new StoreException("cannot read model version " + version + ": " + e.getMessage(), e);
        }
        if (!actual.equals(manifest.checksum())) {
            throw new StoreException("model version " + version + " is corrupt: its files do not match the manifest's"
                    + " checksum");
        }
        return manifest;
    }

    /** Reads a version's manifest without checking its files. */
    public static Manifest manifest(Path version) {
        try {
            return JSON.readValue(version.resolve(MANIFEST).toFile(), Manifest.class);
        } catch (IOException e) {
            throw new StoreException("model version " + version + " has no readable manifest: " + e.getMessage(), e);
        }
    }

    private int latestNumber() {
        List<Path> versions = list();
        return versions.isEmpty() ? 0
                : Integer.parseInt(versions.get(versions.size() - 1).getFileName().toString().substring(1));
    }

    /** Work on the versions directory that may fail with an I/O error. */
    @FunctionalInterface
    private interface VersionsWork<T> {
        T run() throws IOException;
    }

    private <T> T locked(String action, VersionsWork<T> work) {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new StoreException("cannot " + action + " " + root + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new StoreException("cannot publish atomically in " + root + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over the names and contents of the files, in name order, the manifest excluded. */
    static String checksum(Path directory) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(MANIFEST))
                    .sorted().toList();
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                while (in.read(buffer) >= 0) {
                    // the stream feeds the digest
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
