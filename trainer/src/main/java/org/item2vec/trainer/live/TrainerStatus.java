package org.item2vec.trainer.live;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.service.status.Metrics;
import org.item2vec.service.status.PeriodicReport;
import org.item2vec.service.status.StatusServer;

/**
 * What the live trainer tells the outside: its metrics, its {@code /health} and {@code /metrics} server, and
 * the periodic status line. The poll loop reports to it; the gauges are read from other threads.
 */
final class TrainerStatus implements AutoCloseable {
    private final Metrics metrics = new Metrics("item2vec_trainer");
    private final LongAdder messages = metrics.counter("messages_total", "Messages applied to the model");
    private final LongAdder rejected = metrics.counter("rejected_messages_total", "Messages skipped as unusable");
    // Counted here rather than read from the model, whose count restarts from a version's at every rebase.
    private final LongAdder pairs = metrics.counter("pairs_total", "Training pairs applied by this process");
    private StatusServer server;
    private PeriodicReport report;
    private volatile long lag = -1;
    private volatile long vocabularySize;
    private volatile long appliedPairs;

    Metrics metrics() {
        return metrics;
    }

    /** Registers the gauges and starts the server (unless {@code statusPort} is negative) and the report. */
    void start(TrainerConfig config, Supplier<StatusServer.Health> health, Consumer<String> log) throws IOException {
        metrics.gauge("vocabulary_size", "Items in the model", () -> vocabularySize);
        metrics.gauge("applied_pairs", "Training pairs applied since the model was created", () -> appliedPairs);
        metrics.gauge("lag", "Messages waiting in Kafka (-1: not known yet)", () -> lag);
        if (config.statusPort() >= 0) {
            server = new StatusServer(config.statusPort(), metrics, health);
        }
        report = new PeriodicReport(config.reportInterval(),
                new LongSupplier[] {messages::sum, pairs::sum},
                rates -> String.format(Locale.ROOT, "trainer: %.1f items/s, %.1f pairs/s, vocabulary %d items, lag %d",
                        rates.perSecond(0), rates.perSecond(1), vocabularySize, lag),
                log);
    }

    int port() {
        return server == null ? -1 : server.port();
    }

    /** One message applied, which trained {@code pairsTrained} pairs. */
    void applied(long pairsTrained) {
        messages.increment();
        pairs.add(pairsTrained);
    }

    /** Messages applied by this process since its start. */
    long appliedMessages() {
        return messages.sum();
    }

    void rejected() {
        rejected.increment();
    }

    void lag(long records) {
        lag = records;
    }

    /** Reads the model's size and progress into the gauges: after a save, not at every message. */
    void model(OnlineModel model) {
        vocabularySize = model.size();
        appliedPairs = model.appliedPairs();
    }

    long vocabularySize() {
        return vocabularySize;
    }

    @Override
    public void close() {
        if (report != null) {
            report.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
