package org.item2vec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.item2vec.service.config.Settings;
import org.item2vec.learn.sgns.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainConfigTest {
    @TempDir
    Path dir;

    @Test
    void withoutSettingsTheRetrainTrainsWithTheClickSettings() {
        TrainingConfig training = RetrainConfig.from(Settings.empty()).training();
        assertEquals(32, training.dim());
        assertEquals(5, training.window());
        assertEquals(20, training.negative());
        assertEquals(0.5, training.noiseExponent());
        assertEquals(30, training.epochs());
        assertEquals(0.0, training.sample());
    }

    @Test
    void aTunedConfigurationIsUsedAndExplicitSettingsStillWin() throws Exception {
        Path tuned = dir.resolve("tuned.properties");
        TunedSettings.write(tuned, RetrainConfig.CLICK_DEFAULTS.toBuilder().dim(64).window(8).negative(10)
                .noiseExponent(-0.5).epochs(50).build(), "tuned on a test");
        RetrainConfig config = RetrainConfig.from(Settings.load(null, Map.of(),
                Map.of(RetrainConfig.TUNED_KEY, tuned.toString(), RetrainConfig.EPOCHS_KEY, "12")));
        assertEquals(64, config.training().dim());
        assertEquals(64, config.params().dim(), "the live model continuing from it has the same dimension");
        assertEquals(8, config.training().window());
        assertEquals(10, config.training().negative());
        assertEquals(-0.5, config.training().noiseExponent());
        assertEquals(12, config.training().epochs());
    }
}
