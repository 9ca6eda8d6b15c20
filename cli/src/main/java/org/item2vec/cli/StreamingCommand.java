package org.item2vec.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.streaming.app.StreamingApp;
import org.item2vec.streaming.config.StreamingConfig;

/**
 * {@code item2vec streaming}: runs the Kafka Streams sessionizer, and the attribution job that counts the clicks
 * on experiments' lists, until stopped (Ctrl-C or SIGTERM).
 */
final class StreamingCommand implements Command {
    static final String STATE_DIR = "--state-dir";
    static final String APPLICATION_ID = "--application-id";

    @Override
    public String name() {
        return "streaming";
    }

    @Override
    public String summary() {
        return "cut click events from Kafka into sessions, and count experiments' clicks (Kafka Streams, exactly-once)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(ServiceCommands.options("8081"));
        options.add(Option.of(STATE_DIR, "DIR", "data/streaming", "local state of the open sessions"));
        options.add(Option.of(APPLICATION_ID, "ID", "item2vec-streaming",
                "Kafka Streams application id (consumer group, internal topic prefix)"));
        return options;
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        StreamingConfig config = StreamingConfig.from(ServiceCommands.load(args, Map.of(
                ServiceCommands.BOOTSTRAP_SERVERS, KafkaSettings.BOOTSTRAP_SERVERS_KEY,
                ServiceCommands.STATUS_PORT, "item2vec.streaming.status-port",
                STATE_DIR, "item2vec.streaming.state-dir",
                APPLICATION_ID, "item2vec.streaming.application-id")));
        StreamingApp app = new StreamingApp(config, ServiceCommands.timestamped(err));
        return ServiceCommands.runUntilStopped(name(), app::start, () -> {
            app.awaitStop();
            return app.state() == KafkaStreams.State.ERROR;
        }, app::close);
    }
}
