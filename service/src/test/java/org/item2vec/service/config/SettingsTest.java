package org.item2vec.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesTheFileAndOptionsOverrideBoth() throws IOException {
        Path file = Files.writeString(dir.resolve("item2vec.properties"), """
                item2vec.kafka.bootstrap-servers=file:9092
                item2vec.sessions.inactivity-gap=20m
                item2vec.topics.sessions=from-file
                """);
        Settings settings = Settings.load(file,
                Map.of("ITEM2VEC_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "ITEM2VEC_TOPICS_SESSIONS", "from-env",
                        "PATH", "/usr/bin"),
                Map.of("item2vec.topics.sessions", "from-option"));

        assertEquals("env:9092", settings.string("item2vec.kafka.bootstrap-servers", "default"));
        assertEquals(Duration.ofMinutes(20), settings.duration("item2vec.sessions.inactivity-gap", Duration.ZERO));
        assertEquals("from-option", settings.string("item2vec.topics.sessions", "default"));
        assertEquals("default", settings.string("item2vec.topics.clicks", "default"));
    }

    @Test
    void aFileUnderTheSettingsFillsOnlyTheKeysTheyLack() throws IOException {
        Path tuned = Files.writeString(dir.resolve("tuned.properties"), """
                item2vec.retrain.window=8
                item2vec.retrain.epochs=50
                """);
        Settings settings = Settings.load(null, Map.of(), Map.of("item2vec.retrain.epochs", "20")).under(tuned);
        assertEquals(8, settings.integer("item2vec.retrain.window", 5));
        assertEquals(20, settings.integer("item2vec.retrain.epochs", 10));
        assertEquals(3, settings.integer("item2vec.retrain.negative", 3));
        SettingsException missing = assertThrows(SettingsException.class,
                () -> settings.under(dir.resolve("nope.properties")));
        assertTrue(missing.getMessage().contains("nope.properties"), missing.getMessage());
    }

    @Test
    void nestedYamlFlattensToDottedKeys() throws IOException {
        Path file = Files.writeString(dir.resolve("item2vec.yml"), """
                item2vec:
                  sessions:
                    min-length: 3
                    collapse-repeats: false
                  topics:
                    clicks: web-clicks
                """);
        Settings settings = Settings.load(file, Map.of(), Map.of());

        assertEquals(3, settings.integer("item2vec.sessions.min-length", 2));
        assertEquals(false, settings.bool("item2vec.sessions.collapse-repeats", true));
        assertEquals("web-clicks", settings.string("item2vec.topics.clicks", "clicks"));
    }

    @Test
    void aBadValueNamesTheKeyAndWhereItWasSet() {
        Settings settings = Settings.load(null, Map.of("ITEM2VEC_SESSIONS_MIN_LENGTH", "two"), Map.of());

        SettingsException error = assertThrows(SettingsException.class,
                () -> settings.integer("item2vec.sessions.min-length", 2));
        assertTrue(error.getMessage().contains("item2vec.sessions.min-length"), error.getMessage());
        assertTrue(error.getMessage().contains("ITEM2VEC_SESSIONS_MIN_LENGTH"), error.getMessage());
        assertThrows(SettingsException.class, () -> settings.with("x.port", "0").integer("x.port", 1, 1));
        assertThrows(SettingsException.class, () -> settings.with("x.flag", "maybe").bool("x.flag", true));
        assertThrows(SettingsException.class, () -> settings.with("x.gap", "soon").duration("x.gap", Duration.ZERO));
        assertThrows(SettingsException.class, () -> settings.with("x.rate", "fast").decimal("x.rate", 0.1));
        assertEquals(0.025, settings.with("x.rate", "0.025").decimal("x.rate", 0.1));
        assertEquals(0.1, settings.decimal("x.rate", 0.1));
    }

    @Test
    void unreadableFilesAreReportedNotThrownAsParserErrors() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yml"), "item2vec: [unclosed");
        SettingsException error = assertThrows(SettingsException.class, () -> Settings.load(broken, Map.of(), Map.of()));
        assertTrue(error.getMessage().contains("broken.yml"), error.getMessage());

        Path list = Files.writeString(dir.resolve("list.yml"), "- a\n- b\n");
        assertThrows(SettingsException.class, () -> Settings.load(list, Map.of(), Map.of()));
        assertThrows(SettingsException.class, () -> Settings.load(dir.resolve("missing.properties"), Map.of(), Map.of()));
    }

    @Test
    void passThroughKeepsTheLibrarysOwnKeySpelling() {
        Settings settings = Settings.load(null, Map.of("ITEM2VEC_STREAMS_NUM_STREAM_THREADS", "4"),
                Map.of("item2vec.streams.num.stream.threads", "2", "item2vec.streams.commit.interval.ms", "50"));

        assertEquals(Map.of("num.stream.threads", "2", "commit.interval.ms", "50"),
                settings.passThrough("item2vec.streams"));
    }

    @Test
    void remembersTheKeysItWasAskedForSetOrNot() {
        Settings settings = Settings.load(null, Map.of("ITEM2VEC_TRAINER_DATA_DIR", "/data"), Map.of());
        settings.string("item2vec.trainer.data-dir", "data");
        settings.integer("item2vec.model.dim", 32, 1);
        settings.duration("item2vec.trainer.flush-interval", Duration.ofSeconds(1));
        settings.passThrough("item2vec.streams");

        assertEquals(Set.of("item2vec.trainer.data-dir", "item2vec.model.dim", "item2vec.trainer.flush-interval"),
                settings.keysRead());
    }

    @Test
    void durationsInShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofHours(2), Durations.parse(" 2h "));
        assertEquals(Duration.ofDays(1), Durations.parse("1d"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("PT30M"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-PT1M"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("30 minutes"));
    }
}
