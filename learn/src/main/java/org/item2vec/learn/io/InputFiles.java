package org.item2vec.learn.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, gzip-compressed or not, with errors that name the file. */
public final class InputFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private InputFiles() {
    }

    /** Opens {@code path} for reading, decompressing it when it starts with the gzip magic bytes. */
    public static InputStream open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new InputFormatException(path + " is a directory, not a file");
        }
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        } catch (NoSuchFileException e) {
            throw new InputFormatException("file not found: " + path);
        }
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
        }
        return raw;
    }
}
