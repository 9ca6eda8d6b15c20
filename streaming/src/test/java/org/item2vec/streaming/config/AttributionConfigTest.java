package org.item2vec.streaming.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.SettingsException;
import org.junit.jupiter.api.Test;

class AttributionConfigTest {
    @Test
    void defaults() {
        assertEquals(new AttributionConfig(true, "item2vec-attribution", Duration.ofMinutes(30)),
                AttributionConfig.from(Settings.empty()));
    }

    @Test
    void everySettingCanBeChanged() {
        Settings settings = Settings.empty()
                .with("item2vec.attribution.enabled", "false")
                .with("item2vec.attribution.application-id", "ab-attribution")
                .with("item2vec.attribution.window", "2h");
        assertEquals(new AttributionConfig(false, "ab-attribution", Duration.ofHours(2)),
                AttributionConfig.from(settings));
    }

    @Test
    void aZeroWindowIsRefusedNamingItsKey() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> AttributionConfig.from(Settings.empty().with("item2vec.attribution.window", "0s")));
        assertTrue(error.getMessage().contains("item2vec.attribution.window"), error.getMessage());
    }
}
