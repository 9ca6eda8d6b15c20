package org.item2vec.trainer.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.item2vec.trainer.io.Directories;
import org.item2vec.trainer.online.Listing;
import org.item2vec.trainer.online.OnlineModel;
import org.item2vec.trainer.online.OnlineParams;

/**
 * Published model versions: immutable directories {@code v000001}, {@code v000002}, … under one root, each a
 * RocksDB store (a checkpoint of a batch model, or a full copy of a live one) plus a {@code manifest.json} with the parameters, the data range (Kafka
 * offsets), metrics and a SHA-256 checksum of the files. A version is written under a temporary name and
 * renamed when complete, so a reader never sees half a model.
 */
public final class ModelVersions {
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /** What a version holds and where it came from. */
    public record Manifest(String version, String createdAt, OnlineParams params, Map<String, Long> offsets,
                           Map<String, Object> metrics, String checksum) {
    }

    public ModelVersions(Path root) {
        this.root = root;
    }

    /** Publishes a checkpoint of a store that nobody else follows (a batch model) as the next version. */
    public Manifest publish(EmbeddingStore store, Map<String, Object> metrics) {
        return publish(temporary -> store.checkpoint(temporary), store.params().orElseThrow(), store.offsets(),
                metrics);
    }

    /** Publishes a live model (with the offsets it has consumed up to) as the next version. */
    public Manifest publish(OnlineModel model, Map<String, Long> offsets, List<Listing> listings,
                            long appliedMessages, Map<String, Object> metrics) {
        return publish(temporary -> {
            try (EmbeddingStore copy = EmbeddingStore.open(temporary)) {
                copy.initialize(model.params());
                copy.saveEverything(model, offsets, listings, appliedMessages);
            }
        }, model.params(), offsets, metrics);
    }

    private Manifest publish(Consumer<Path> writeInto, OnlineParams params, Map<String, Long> offsets,
                             Map<String, Object> metrics) {
        try {
            Files.createDirectories(root);
            String version = String.format("v%06d", latestNumber() + 1);
            Path temporary = root.resolve("." + version + ".tmp");
            Directories.deleteRecursively(temporary);
            writeInto.accept(temporary);
            Manifest manifest = new Manifest(version, Instant.now().toString(), params, offsets, metrics,
                    checksum(temporary));
            JSON.writeValue(temporary.resolve(MANIFEST).toFile(), manifest);
            try {
                Files.move(temporary, root.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("cannot publish atomically in " + root + ": " + e.getMessage(), e);
            }
            return manifest;
        } catch (IOException e) {
            throw new StoreException("cannot publish a model version in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The published versions, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().matches("v\\d{6}") && Files.isDirectory(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list model versions in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Reads a version's manifest and checks its files against the checksum. */
    public static Manifest verify(Path version) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(version.resolve(MANIFEST).toFile(), Manifest.class);
        } catch (IOException e) {
            throw new StoreException("model version " + version + " has no readable manifest: " + e.getMessage(), e);
        }
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

    private int latestNumber() {
        List<Path> versions = list();
        return versions.isEmpty() ? 0
                : Integer.parseInt(versions.get(versions.size() - 1).getFileName().toString().substring(1));
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
