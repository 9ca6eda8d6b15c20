package org.item2vec.trainer.retrain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.corpus.ItemMarkets;
import org.item2vec.learn.eval.NextItemEvaluation;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.sgns.TrainingStatus;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.ModelVersions;
import org.item2vec.store.ModelVersions.Manifest;
import org.item2vec.store.ModelVersions.Provenance;
import org.item2vec.trainer.live.PartitionOffsets;
import org.item2vec.trainer.retrain.SessionHistory.Session;

/**
 * The full retrain: reads the retained sessions, trains a candidate from scratch on all but the most recent ones,
 * judges it against the current version on those held out, and when it passes (or is forced) trains again on
 * everything, publishes the result as a new version and makes it current. Nothing is written before the publish,
 * which is atomic, so a retrain that stops midway leaves the versions as they were.
 */
public final class RetrainJob {
    private final RetrainConfig config;
    private final Consumer<String> log;

    /** How a run ended: the version published (when it was), and the gate's verdict. */
    public record Outcome(Optional<Manifest> published, boolean passedGate, String reason) {
    }

    public RetrainJob(RetrainConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    public Outcome run(boolean force) throws InterruptedException {
        ModelVersions versions = new ModelVersions(config.versionsDir());
        versions.leftovers().forEach(leftover -> log.accept("retrain: " + leftover.getFileName()
                + " was left by an interrupted publish; it is removed after this run"));
        Optional<String> current = versions.current();
        log.accept("retrain: reading topic '" + config.topics().sessions() + "' from " + config.bootstrapServers()
                + (config.history() == null ? " (all retained history)" : " (the last " + config.history() + ")")
                + "; current version: " + current.orElse("none"));

        SessionHistoryReader.Read read = new SessionHistoryReader(config, log).read();
        SessionHistory history = read.history();
        if (history.sessions().size() < 2) {
            throw new RetrainException("topic '" + config.topics().sessions() + "' holds "
                    + history.sessions().size() + " usable sessions in the range read: too few to train on");
        }
        HeldOutSplit split = HeldOutSplit.of(history.sessions(), config.holdout(), config.maxHoldoutFraction());
        log.accept(String.format(Locale.ROOT, "retrain: %,d sessions (%,d clicks, %,d items); holding out the "
                        + "%,d that ended after %s", history.sessions().size(), history.tokenCount(),
                history.itemCount(), split.heldOut().size(),
                split.heldOut().isEmpty() ? "-" : Instant.ofEpochMilli(split.cutoffMs())));

        ItemMarkets markets = markets(history, read.listings());
        NextItemEvaluation.Result candidateResult = null;
        NextItemEvaluation.Result currentResult = null;
        List<Session> judging = unseenBy(current.map(v -> ModelVersions.manifest(versions.root().resolve(v))),
                split.heldOut());
        GateEvaluation evaluation = new GateEvaluation(history, judging, config.gateK(), config.gateMaxPairs(),
                config.training().seed());
        if (evaluation.sessions() > 0) {
            Embeddings candidate = train("candidate", history, split.training(), markets).embeddings();
            candidateResult = evaluation.evaluate("candidate", candidate);
            log.accept("retrain: " + candidateResult.format());
            if (current.isPresent()) {
                currentResult = evaluation.evaluate(current.get(), load(versions.root().resolve(current.get())));
                log.accept("retrain: " + currentResult.format());
            }
        }
        GateDecision decision = GateDecision.decide(candidateResult, currentResult, config.gateTolerance());
        log.accept("retrain: gate " + (decision.passed() ? "passed" : "refused") + ": " + decision.reason());
        if (!decision.passed() && !force) {
            log.accept("retrain: not published; " + current.orElse("the current version") + " stays current"
                    + " (--force publishes anyway)");
            return new Outcome(Optional.empty(), false, decision.reason());
        }
        if (!decision.passed()) {
            log.accept("retrain: publishing anyway (--force)");
        }

        // The candidate has not seen the held-out sessions, the freshest there are: the published model must.
        SgnsTrainer.Result finalModel = train("final model", history, split.all(), markets);
        OnlineModel model = OnlineModel.continuing(config.params(), finalModel.embeddings());
        Map<String, Object> gate = gate(decision, force, evaluation, candidateResult, currentResult, current);
        Manifest manifest = versions.publish(model, read.endOffsets(), read.listings(), 0, new Provenance(
                ModelVersions.RETRAIN, dataRange(read, split), training(), metrics(history, model, finalModel),
                gate));
        versions.makeCurrent(manifest.version());
        log.accept("retrain: published " + manifest.version() + " in " + config.versionsDir() + " with "
                + model.size() + " items; it is now current");
        List<String> deleted = versions.prune(config.keepVersions());
        if (!deleted.isEmpty()) {
            log.accept("retrain: deleted old versions " + deleted + " (keeping " + config.keepVersions() + ")");
        }
        return new Outcome(Optional.of(manifest), decision.passed(), decision.reason());
    }

    /**
     * The held-out sessions the current version did not learn from (those after its offsets): a version that
     * has seen the test sessions would otherwise be judged on its own training data.
     */
    private List<Session> unseenBy(Optional<Manifest> current, List<Session> heldOut) {
        if (current.isEmpty()) {
            return heldOut;
        }
        Map<String, Long> seen = current.get().offsets() == null ? Map.of() : current.get().offsets();
        String topic = config.topics().sessions();
        List<Session> unseen = heldOut.stream()
                .filter(s -> s.offset() >= seen.getOrDefault(PartitionOffsets.key(topic, s.partition()), 0L))
                .toList();
        if (unseen.size() < heldOut.size()) {
            log.accept(String.format(Locale.ROOT, "retrain: %,d of the %,d held-out sessions are new since %s; "
                    + "the gate judges on those", unseen.size(), heldOut.size(), current.get().version()));
        }
        return unseen;
    }

    private SgnsTrainer.Result train(String what, SessionHistory history, List<Session> sessions,
                                     ItemMarkets markets) throws InterruptedException {
        Corpus corpus = corpus(history, sessions);
        TrainingConfig training = config.training();
        log.accept(String.format(Locale.ROOT, "retrain: training the %s on %,d sessions (%,d tokens, %,d items), "
                        + "%d epochs, %d threads", what, corpus.sessionCount(), corpus.tokenCount(),
                corpus.vocabulary().size(), training.epochs(), training.threads()));
        return new SgnsTrainer(training)
                .markets(markets.indexFor(corpus.vocabulary()))
                .onProgress(status -> log.accept("retrain: " + what + ": " + progress(status)),
                        config.reportInterval())
                .train(corpus);
    }

    private String progress(TrainingStatus status) {
        int epochs = config.training().epochs();
        int epoch = Math.min(epochs, 1 + (int) (status.fractionDone() * epochs));
        return String.format(Locale.ROOT, "epoch %d/%d, %.0f words/s, %s", epoch, epochs, status.wordsPerSecond(),
                status.format());
    }

    /** The sessions as a training corpus; a booked session counts {@code bookedOversampling} times. */
    private Corpus corpus(SessionHistory history, List<Session> sessions) {
        CorpusBuilder builder = new CorpusBuilder();
        for (Session session : sessions) {
            int copies = session.booked() == SessionHistory.NOT_BOOKED ? 1 : config.bookedOversampling();
            for (int copy = 0; copy < copies; copy++) {
                builder.startSession();
                for (int item : session.items()) {
                    builder.addToken(history.item(item));
                }
                if (session.booked() != SessionHistory.NOT_BOOKED) {
                    builder.markBooked(history.item(session.booked()));
                }
                builder.endSession();
            }
        }
        return builder.build(config.training().minCount());
    }

    /** The market of each item: its listing's, else that of the first session it was clicked in. */
    private static ItemMarkets markets(SessionHistory history, List<Listing> listings) {
        Map<String, String> marketByItem = new HashMap<>();
        for (int i = 0; i < history.itemCount(); i++) {
            String market = history.sessionMarket(history.item(i));
            if (market != null) {
                marketByItem.put(history.item(i), market);
            }
        }
        for (Listing listing : listings) {
            if (listing.market() != null) {
                marketByItem.put(listing.item(), listing.market());
            }
        }
        return ItemMarkets.of(marketByItem);
    }

    private static Embeddings load(Path version) {
        ModelVersions.verify(version);
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(version)) {
            return store.loadModel().toEmbeddings();
        }
    }

    private Map<String, Object> gate(GateDecision decision, boolean force, GateEvaluation evaluation,
                                     NextItemEvaluation.Result candidate, NextItemEvaluation.Result current,
                                     Optional<String> currentVersion) {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("decision", decision.passed() ? "passed" : force ? "refused, published with --force" : "refused");
        gate.put("reason", decision.reason());
        gate.put("k", config.gateK());
        gate.put("tolerance", config.gateTolerance());
        gate.put("heldOutSessionsEvaluated", evaluation.sessions());
        if (candidate != null) {
            gate.put("candidate", GateDecision.figures(candidate));
        }
        currentVersion.ifPresent(version -> gate.put("currentVersion", version));
        if (current != null) {
            gate.put("current", GateDecision.figures(current));
        }
        return gate;
    }

    private Map<String, Object> dataRange(SessionHistoryReader.Read read, HeldOutSplit split) {
        List<Session> sessions = read.history().sessions();
        long first = sessions.stream().mapToLong(Session::endMs).min().orElse(0);
        long last = sessions.stream().mapToLong(Session::endMs).max().orElse(0);
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("topic", config.topics().sessions());
        range.put("history", config.history() == null ? "all" : config.history().toString());
        range.put("firstSessionEnd", Instant.ofEpochMilli(first).toString());
        range.put("lastSessionEnd", Instant.ofEpochMilli(last).toString());
        range.put("readAt", Instant.ofEpochMilli(read.startedAtMs()).toString());
        range.put("sessions", sessions.size());
        range.put("clicks", read.history().tokenCount());
        range.put("heldOutSessions", split.heldOut().size());
        if (!split.heldOut().isEmpty()) {
            range.put("heldOutFrom", Instant.ofEpochMilli(split.cutoffMs()).toString());
        }
        range.put("unusableMessages", read.badMessages());
        return range;
    }

    private Map<String, Object> training() {
        TrainingConfig t = config.training();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("dim", t.dim());
        training.put("window", t.window());
        training.put("negative", t.negative());
        training.put("marketNegatives", t.marketNegatives());
        training.put("bookedContext", t.bookedContext());
        training.put("bookedOversampling", config.bookedOversampling());
        training.put("noiseExponent", t.noiseExponent());
        training.put("sample", t.sample());
        training.put("minCount", t.minCount());
        training.put("alpha", t.alpha());
        training.put("epochs", t.epochs());
        training.put("threads", t.threads());
        training.put("seed", t.seed());
        return training;
    }

    private static Map<String, Object> metrics(SessionHistory history, OnlineModel model, SgnsTrainer.Result result) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("items", model.size());
        metrics.put("sessions", history.sessions().size());
        metrics.put("clicks", history.tokenCount());
        metrics.put("trainingSeconds", result.status().elapsed().toMillis() / 1000.0);
        metrics.put("wordsPerSecond", Math.round(result.status().wordsPerSecond()));
        return metrics;
    }
}
