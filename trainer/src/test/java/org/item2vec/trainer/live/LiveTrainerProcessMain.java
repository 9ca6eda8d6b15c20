package org.item2vec.trainer.live;

import java.nio.file.Path;
import java.util.Map;
import org.item2vec.service.config.Settings;

/** Runs the live trainer in its own JVM, configured by a settings file, until killed or terminated. */
public final class LiveTrainerProcessMain {
    private LiveTrainerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        TrainerConfig config = TrainerConfig.from(Settings.load(Path.of(args[0]), Map.of(), Map.of()));
        LiveTrainer trainer = new LiveTrainer(config, System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(trainer::close));
        trainer.start();
        System.out.println("started");
        trainer.awaitStop();
    }
}
