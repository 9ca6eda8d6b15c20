package org.item2vec.learn.corpus;

import java.nio.file.Path;
import java.util.Locale;

/** The two corpus formats the trainer reads. */
public enum InputFormat {
    /** One session per line, whitespace-separated items ({@link TextSessionReader}). */
    SESSIONS,
    /** A click log, one event per row ({@link ClickLogReader}). */
    CLICKS;

    /** Click logs end in .csv or .tsv (optionally .gz); everything else is read as sessions. */
    public static InputFormat guess(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return name.endsWith(".csv") || name.endsWith(".tsv") ? CLICKS : SESSIONS;
    }

    public static InputFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sessions", "text" -> SESSIONS;
            case "clicks", "csv" -> CLICKS;
            default -> throw new IllegalArgumentException(
                    "unknown input format '" + value + "' (expected sessions or clicks)");
        };
    }
}
