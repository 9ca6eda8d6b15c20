package org.item2vec.api.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.item2vec.store.ModelVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the API serves: the newest published versions (and any pinned ones), and the live model
 * followed from the trainer's store. A background thread picks up new versions and live changes; each
 * refresh builds the new models completely and then replaces the whole set in one atomic step, so a
 * request sees either the old set or the new one, never a half-loaded model.
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    /**
     * The live trainer's message rate is measured over this much time: several of its saves (1 s apart by
     * default), yet short enough to show a change within seconds.
     */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    /** Everything requests read, replaced as a whole. */
    private record State(Map<String, Model> versions, Model live, String currentVersion, String defaultVersion,
                         Map<String, String> rejected) {
        static final State EMPTY = new State(Map.of(), null, null, null, Map.of());
    }

    /** A served model as listed by {@code GET /models}. */
    public record Entry(ModelInfo info, int items, int changedItems, boolean isDefault) {
    }

    private final RegistrySettings settings;
    private final ModelLoader loader;
    private final LiveFollower live;
    private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);
    private final ScheduledExecutorService refresher;
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final MessageRate liveRate = new MessageRate(RATE_WINDOW);

    public ModelRegistry(RegistrySettings settings, ModelLoader loader) {
        this.settings = settings;
        this.loader = loader;
        this.live = settings.liveDirectory() == null ? null
                : new LiveFollower(settings.liveDirectory(), loader, settings.maxLiveChanges());
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "model-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads what is there now, then keeps refreshing in the background. */
    public void start() {
        refresh();
        long interval = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("model refresh failed, still serving the models loaded before: {}", e.getMessage());
        }
    }

    /** Picks up new versions and the live store's changes; one refresh at a time. */
    public synchronized void refresh() {
        State before = state.get();
        String currentVersion = settings.versionsDirectory() == null ? null
                : new ModelVersions(settings.versionsDirectory()).current().orElse(null);
        Map<String, Model> versions = refreshVersions(before.versions(), currentVersion);
        Model liveModel = before.live;
        if (live != null && live.storeExists()) {
            try {
                liveModel = live.refresh(before.live);
            } catch (RuntimeException e) {
                LOG.warn("cannot read the live model in {}: {}", settings.liveDirectory(), e.getMessage());
            }
        }
        if (liveModel != null) {
            liveRate.record(System.nanoTime(), liveModel.info().appliedMessages());
        }
        String defaultVersion = chooseDefault(versions, currentVersion, liveModel);
        State after = new State(versions, liveModel, currentVersion, defaultVersion, Map.copyOf(rejected));
        state.set(after);
        if (defaultVersion != null && !defaultVersion.equals(before.defaultVersion())) {
            LOG.info("serving model {} by default ({} items)", defaultVersion, model(defaultVersion).size());
        }
    }

    private Map<String, Model> refreshVersions(Map<String, Model> loaded, String currentVersion) {
        if (settings.versionsDirectory() == null) {
            return Map.of();
        }
        List<Path> published = new ModelVersions(settings.versionsDirectory()).list();
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = Math.max(0, published.size() - settings.keepVersions()); i < published.size(); i++) {
            wanted.add(published.get(i).getFileName().toString());
        }
        Set<String> pinned = settings.pinnedVersions().get();
        for (Path version : published) {
            String name = version.getFileName().toString();
            if (pinned.contains(name) || name.equals(currentVersion)) {
                wanted.add(name);
            }
        }
        Map<String, Model> result = new LinkedHashMap<>();
        for (Path directory : published) {
            String version = directory.getFileName().toString();
            if (!wanted.contains(version) || rejected.containsKey(version)) {
                continue;
            }
            Model model = loaded.get(version);
            if (model == null) {
                model = loadVersion(directory);
            }
            if (model != null) {
                result.put(version, model);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private Model loadVersion(Path directory) {
        String version = directory.getFileName().toString();
        long start = System.nanoTime();
        try {
            Model model = loader.loadVersion(directory);
            LOG.info("loaded model version {}: {} items in {} ms", version, model.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            rejected.put(version, e.getMessage());
            LOG.warn("not serving model version {}: {}", version, e.getMessage());
            return null;
        }
    }

    /**
     * {@code auto}: the live model once it holds items, else the current version (the last retrain, or a
     * rollback), else the newest; {@code latest}: the newest version. A live store the trainer has just created
     * holds no items, and every request to it would find none.
     */
    private String chooseDefault(Map<String, Model> versions, String currentVersion, Model liveModel) {
        String newest = versions.isEmpty() ? null : new ArrayList<>(versions.keySet()).get(versions.size() - 1);
        String current = versions.containsKey(currentVersion) ? currentVersion : newest;
        return switch (settings.defaultModel()) {
            case RegistrySettings.AUTO -> liveModel != null && liveModel.size() > 0 ? Model.LIVE : current;
            case RegistrySettings.LATEST -> newest;
            case Model.LIVE -> liveModel != null ? Model.LIVE : null;
            default -> versions.containsKey(settings.defaultModel()) ? settings.defaultModel() : null;
        };
    }

    /**
     * A served model by version: {@code null} or empty for the default, {@code latest} for the newest
     * published version, {@code live}, or a version name.
     */
    public Model model(String version) {
        State current = state.get();
        String name = version == null || version.isEmpty() ? current.defaultVersion()
                : version.equals(RegistrySettings.LATEST) ? newest(current) : version;
        if (name == null) {
            throw new UnknownModelException(version == null || version.isEmpty()
                    ? "no model is served yet: none has been published or trained"
                    : "no model version has been published yet", true);
        }
        Model model = name.equals(Model.LIVE) ? current.live() : current.versions().get(name);
        if (model == null) {
            throw new UnknownModelException("model '" + name + "' is not served; GET /models lists those that are",
                    false);
        }
        return model;
    }

    private static String newest(State current) {
        List<String> names = new ArrayList<>(current.versions().keySet());
        return names.isEmpty() ? null : names.get(names.size() - 1);
    }

    /** The version the last retrain or rollback made current, or null. */
    public String currentVersion() {
        return state.get().currentVersion();
    }

    /** Whether a default model is being served and holds items, so that a request can be answered. */
    public boolean ready() {
        State current = state.get();
        String name = current.defaultVersion();
        Model served = name == null ? null : name.equals(Model.LIVE) ? current.live() : current.versions().get(name);
        return served != null && served.size() > 0;
    }

    /** The served models, published versions oldest first, then the live model. */
    public List<Entry> entries() {
        State current = state.get();
        List<Entry> entries = new ArrayList<>();
        current.versions().values().forEach(m -> entries.add(entry(m, current)));
        if (current.live() != null) {
            entries.add(entry(current.live(), current));
        }
        return entries;
    }

    private static Entry entry(Model model, State current) {
        return new Entry(model.info(), model.size(), model.changedCount(),
                model.version().equals(current.defaultVersion()));
    }

    /** Messages per second the live trainer has applied over the last refreshes; 0 without a live model. */
    public double liveMessagesPerSecond() {
        return state.get().live() == null ? 0 : liveRate.perSecond();
    }

    /** Versions that failed to load, with the reason. */
    public Map<String, String> rejected() {
        return state.get().rejected();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (live != null) {
                live.close();
            }
        }
    }
}
