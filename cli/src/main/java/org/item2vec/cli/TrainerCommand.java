package org.item2vec.cli;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.trainer.live.LiveTrainer;
import org.item2vec.trainer.live.TrainerConfig;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.item2vec.trainer.retrain.RetrainJob;
import org.item2vec.trainer.retrain.RetrainScheduler;

/**
 * {@code item2vec trainer}: learns embeddings from the session stream until stopped (Ctrl-C or SIGTERM), and runs
 * the full retrain on its schedule ({@code item2vec.retrain.schedule}, nightly by default; {@code off} disables it).
 */
final class TrainerCommand implements Command {
    static final String DATA_DIR = "--data-dir";

    @Override
    public String name() {
        return "trainer";
    }

    @Override
    public String summary() {
        return "train embeddings incrementally from Kafka into a RocksDB store";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ServiceCommands.options("8082"));
        options.add(Option.of(DATA_DIR, "DIR", "data/model", "the RocksDB embedding store"));
        return options;
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Settings settings = ServiceCommands.load(args, Map.of(
                ServiceCommands.BOOTSTRAP_SERVERS, KafkaSettings.BOOTSTRAP_SERVERS_KEY,
                ServiceCommands.STATUS_PORT, "item2vec.trainer.status-port",
                DATA_DIR, "item2vec.trainer.data-dir"));
        Consumer<String> log = ServiceCommands.timestamped(err);
        LiveTrainer trainer = new LiveTrainer(TrainerConfig.from(settings), log);
        RetrainConfig retrain = RetrainConfig.from(settings);
        RetrainScheduler scheduler = retrain.schedule() == null ? null
                : new RetrainScheduler(retrain.schedule(), ZoneId.systemDefault(), new RetrainJob(retrain, log), log);
        return ServiceCommands.runUntilStopped(name(), () -> {
            trainer.start();
            if (scheduler != null) {
                scheduler.start();
            }
        }, () -> trainer.awaitStop() != null, () -> {
            if (scheduler != null) {
                scheduler.close();
            }
            trainer.close();
        });
    }
}
