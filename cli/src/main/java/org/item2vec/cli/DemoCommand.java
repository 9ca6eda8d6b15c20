package org.item2vec.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;
import org.item2vec.streaming.app.StreamingApp;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.item2vec.trainer.live.LiveTrainer;
import org.item2vec.trainer.live.TrainerConfig;

/**
 * {@code item2vec demo}: the whole system in one JVM. A Kafka broker (KRaft) on {@code localhost:9092}, the
 * streaming service, the incremental trainer and the API on port 8080, fed by live traffic of a demo
 * marketplace ({@link DemoTraffic}). Other producers may publish to the same broker. With
 * {@code --bootstrap-servers} it uses a Kafka of yours instead of starting one. Ctrl-C stops everything.
 */
final class DemoCommand implements Command {
    static final String DIR = "--dir";
    static final String KAFKA_PORT = "--kafka-port";
    static final String PORT = "--port";
    static final String RATE = "--events-per-second";
    static final String BURST = "--burst";
    static final String SEED = "--seed";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run everything in one JVM (Kafka, streaming, trainer, API) on live demo marketplace traffic";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.of(DIR, "DIR", "data/demo", "where the broker, the streaming state and the models are kept"),
                Option.of(ServiceCommands.BOOTSTRAP_SERVERS, "HOST:PORT", null,
                        "use this Kafka instead of starting one"),
                Option.of(KAFKA_PORT, "PORT", "9092", "port of the embedded Kafka broker"),
                Option.of(PORT, "PORT", "8080", "HTTP port of the API"),
                Option.of(RATE, "N", "200", "demo click events per second"),
                Option.of(BURST, "N", "20000", "events published at once first, so that the model has learned "
                        + "something within seconds"),
                Option.of(SEED, "N", "1", "random seed of the demo marketplace and its users"));
    }

    /** A part of the demo that runs until closed, named for the log should closing it fail. */
    private record Running(String name, AutoCloseable service) {
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        Path dir = args.requiredPath(DIR);
        int apiPort = args.integer(PORT, 0, 65535);
        long seed = args.longValue(SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        double rate = args.integer(RATE, 1, 100_000);
        long burst = args.integer(BURST, 0, 10_000_000);
        Consumer<String> log = ServiceCommands.timestamped(err);
        List<Running> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        return ServiceCommands.runUntilStopped(name(), () -> {
            Files.createDirectories(dir);
            String bootstrap = args.has(ServiceCommands.BOOTSTRAP_SERVERS) ? args.string(ServiceCommands.BOOTSTRAP_SERVERS)
                    : startBroker(dir.resolve("kafka"), args.integer(KAFKA_PORT, 1, 65535), running, log);
            Settings settings = Settings.load(null, Map.of(), servicesSettings(dir, bootstrap));
            StreamingApp streaming = new StreamingApp(StreamingConfig.from(settings), log);
            running.add(new Running("streaming service", streaming));
            streaming.start();
            LiveTrainer trainer = new LiveTrainer(TrainerConfig.from(settings), log);
            running.add(new Running("trainer", trainer));
            trainer.start();
            ApplicationContext api = ApiCommand.start(Map.of("item2vec.api.data-dir", dir.toString(),
                    "micronaut.server.port", apiPort, KafkaSettings.BOOTSTRAP_SERVERS_KEY, bootstrap));
            running.add(new Running("API", api::close));
            DemoMarketplace marketplace = DemoMarketplace.generate(0, seed);
            DemoTraffic traffic = new DemoTraffic(marketplace, bootstrap, Topics.from(settings), rate, burst, seed, log);
            running.add(new Running("demo traffic", traffic));
            traffic.start();
            String item = marketplace.listings().get(0).id();
            out.println("item2vec demo: Kafka on " + bootstrap + ", API on " + api.getBean(EmbeddedServer.class).getURL()
                    + ", data in " + dir);
            out.printf("publishing demo clicks on %d listings in %s: %,d at once, then %.0f per second%n",
                    marketplace.listings().size(), String.join(", ", DemoMarketplace.MARKETS), burst, rate);
            out.println("try:  curl 'localhost:" + apiPort + "/recommend?item=" + item + "'");
            out.println("      echo 'me|{\"user\": \"me\", \"item\": \"" + item + "\"}' | kcat -b " + bootstrap
                    + " -t clicks -K'|' -P");
            out.println("Ctrl-C stops everything.");
        }, () -> {
            stopped.await();
            return false;
        }, () -> {
            // Last started, first stopped: the traffic, the API, the trainer, the streaming service, the broker.
            // The close runs twice after Ctrl-C (hook, then the main thread): only the first one stops anything.
            boolean wasRunning = !running.isEmpty();
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).service().close();
                } catch (Exception e) {
                    log.accept("demo: stopping the " + running.get(i).name() + ": " + e);
                }
            }
            running.clear();
            if (wasRunning) {
                log.accept("demo: stopped");
            }
            stopped.countDown();
        });
    }

    private static String startBroker(Path dataDir, int port, List<Running> running, Consumer<String> log)
            throws IOException {
        try {
            EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port, 0);
            running.add(new Running("Kafka broker", kafka));
            log.accept("demo: Kafka broker (KRaft) listening on " + kafka.bootstrapServers());
            return kafka.bootstrapServers();
        } catch (IOException | RuntimeException e) {
            if (StartupException.rootCause(e) instanceof BindException) {
                throw new StartupException("port " + port + " is in use: stop what uses it, pass " + KAFKA_PORT
                        + ", or use that Kafka with " + ServiceCommands.BOOTSTRAP_SERVERS, e);
            }
            throw e;
        }
    }

    /** The streaming service's and the trainer's settings: their usual defaults, kept under the demo's directory. */
    private static Map<String, String> servicesSettings(Path dir, String bootstrap) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(KafkaSettings.BOOTSTRAP_SERVERS_KEY, bootstrap);
        settings.put("item2vec.streaming.state-dir", dir.resolve("streaming").toString());
        settings.put("item2vec.streaming.status-port", "-1");
        settings.put("item2vec.trainer.data-dir", dir.resolve("model").toString());
        settings.put("item2vec.trainer.versions-dir", dir.resolve("versions").toString());
        settings.put("item2vec.trainer.status-port", "-1");
        return settings;
    }
}
