package org.item2vec.api.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.item2vec.experiment.define.InvalidExperimentException;
import org.item2vec.experiment.define.Variant;

/**
 * The experiments, kept in one JSON file ({@code {"experiments": [...]}}, see {@link ExperimentJson}) that an
 * operator may write by hand and the admin endpoint rewrites. Reads are lock-free; changes are written to a
 * temporary file and renamed over the old one, so a crash never leaves half a file.
 */
public final class ExperimentCatalog {
    /**
     * What readers see, replaced whole on each change; the first running experiment is found here once, not
     * by every request.
     */
    private record State(Map<String, Experiment> byId, List<Experiment> all, Optional<Experiment> firstRunning) {
        static State of(Map<String, Experiment> byId) {
            List<Experiment> all = List.copyOf(byId.values());
            return new State(byId, all, all.stream().filter(Experiment::running).findFirst());
        }
    }

    private final Path file;
    private volatile State state;

    private ExperimentCatalog(Path file, Map<String, Experiment> experiments) {
        this.file = file;
        this.state = State.of(experiments);
    }

    /**
     * Reads the file; a missing file means no experiments yet.
     *
     * @throws InvalidExperimentException when the file cannot be used, with its path and the reason
     */
    public static ExperimentCatalog open(Path file) throws InvalidExperimentException {
        Map<String, Experiment> experiments = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                ExperimentJson.parseAll(Files.readAllBytes(file)).forEach(e -> experiments.put(e.id(), e));
            } catch (InvalidExperimentException e) {
                throw new InvalidExperimentException("experiments file " + file + ": " + e.getMessage());
            } catch (IOException e) {
                throw new InvalidExperimentException("experiments file " + file + " cannot be read: " + e);
            }
        }
        return new ExperimentCatalog(file, experiments);
    }

    /** All experiments, in the order they were first defined. */
    public List<Experiment> all() {
        return state.all();
    }

    public Optional<Experiment> find(String id) {
        return Optional.ofNullable(state.byId().get(id));
    }

    /** The experiment a request that names none is served under. */
    public Optional<Experiment> firstRunning() {
        return state.firstRunning();
    }

    /** Defines or replaces an experiment and saves the file; true when it is new. */
    public synchronized boolean put(Experiment experiment) {
        Map<String, Experiment> changed = new LinkedHashMap<>(state.byId());
        boolean created = changed.put(experiment.id(), experiment) == null;
        save(changed);
        return created;
    }

    /** Removes an experiment and saves the file; false when there was none of that id. */
    public synchronized boolean remove(String id) {
        if (!state.byId().containsKey(id)) {
            return false;
        }
        Map<String, Experiment> changed = new LinkedHashMap<>(state.byId());
        changed.remove(id);
        save(changed);
        return true;
    }

    /** The model versions the variants of running experiments name, which must stay loaded. */
    public Set<String> models() {
        Set<String> models = new TreeSet<>();
        for (Experiment experiment : state.all()) {
            if (experiment.running()) {
                experiment.variants().stream().map(Variant::model).filter(m -> m != null).forEach(models::add);
            }
        }
        return models;
    }

    private void save(Map<String, Experiment> changed) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            Files.write(temporary, ExperimentJson.write(new ArrayList<>(changed.values())));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the experiments file " + file, e);
        }
        state = State.of(changed);
    }
}
