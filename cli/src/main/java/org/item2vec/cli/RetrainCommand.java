package org.item2vec.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.trainer.live.TrainerConfig;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.item2vec.trainer.retrain.RetrainJob;

/**
 * {@code item2vec retrain}: the full retrain from the session history in Kafka, judged against the current
 * version and published as a new one when it is not worse. Exit code 3 means the gate refused the new model.
 */
final class RetrainCommand implements Command {
    static final int REFUSED = 3;
    static final String VERSIONS_DIR = "--versions-dir";
    static final Option VERSIONS_DIR_OPTION = Option.of(VERSIONS_DIR, "DIR", TrainerConfig.DEFAULT_VERSIONS_DIR,
            "where versions are published");
    static final String HISTORY = "--history";
    static final String FORCE = "--force";

    @Override
    public String name() {
        return "retrain";
    }

    @Override
    public String summary() {
        return "retrain from scratch on the session history in Kafka and publish a new model version";
    }

    @Override
    public List<Option> options() {
        return List.of(
                ServiceCommands.CONFIG_OPTION, ServiceCommands.BOOTSTRAP_OPTION,
                VERSIONS_DIR_OPTION,
                Option.of(HISTORY, "DURATION", "all", "how far back sessions are read, e.g. 60d"),
                Option.flag(FORCE, "publish even when the new model is worse than the current one"));
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        RetrainConfig config = RetrainConfig.from(ServiceCommands.load(args, Map.of(
                ServiceCommands.BOOTSTRAP_SERVERS, KafkaSettings.BOOTSTRAP_SERVERS_KEY,
                VERSIONS_DIR, TrainerConfig.VERSIONS_DIR_KEY,
                HISTORY, "item2vec.retrain.history")));
        RetrainJob.Outcome outcome = new RetrainJob(config, ServiceCommands.timestamped(err)).run(args.bool(FORCE));
        if (outcome.published().isEmpty()) {
            out.println("not published: " + outcome.reason());
            return REFUSED;
        }
        out.println("published " + outcome.published().get().version() + " in " + config.versionsDir()
                + (outcome.passedGate() ? "" : " (forced past the gate: " + outcome.reason() + ")"));
        return 0;
    }
}
