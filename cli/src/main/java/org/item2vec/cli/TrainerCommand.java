package org.item2vec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.trainer.live.LiveTrainer;
import org.item2vec.trainer.live.TrainerConfig;

/** {@code item2vec trainer}: learns embeddings from the session stream until stopped (Ctrl-C or SIGTERM). */
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
        TrainerConfig config = TrainerConfig.from(ServiceCommands.load(args, Map.of(
                ServiceCommands.BOOTSTRAP_SERVERS, KafkaSettings.BOOTSTRAP_SERVERS_KEY,
                ServiceCommands.STATUS_PORT, "item2vec.trainer.status-port",
                DATA_DIR, "item2vec.trainer.data-dir")));
        LiveTrainer trainer = new LiveTrainer(config, ServiceCommands.timestamped(err));
        return ServiceCommands.runUntilStopped(name(), trainer::start, () -> trainer.awaitStop() != null,
                trainer::close);
    }
}
