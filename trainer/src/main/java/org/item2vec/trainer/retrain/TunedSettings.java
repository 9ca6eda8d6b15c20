package org.item2vec.trainer.retrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.item2vec.learn.sgns.TrainingConfig;

/**
 * A training configuration as a settings file for the retrain: name it with {@value RetrainConfig#TUNED_KEY}
 * and the retrain trains with it, settings given explicitly still winning.
 */
public final class TunedSettings {
    private TunedSettings() {
    }

    public static void write(Path file, TrainingConfig config, String comment) throws IOException {
        List<String> lines = List.of(
                "# " + comment,
                RetrainConfig.DIM_KEY + "=" + config.dim(),
                RetrainConfig.WINDOW_KEY + "=" + config.window(),
                RetrainConfig.NEGATIVE_KEY + "=" + config.negative(),
                RetrainConfig.NOISE_EXPONENT_KEY + "=" + config.noiseExponent(),
                RetrainConfig.EPOCHS_KEY + "=" + config.epochs());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
