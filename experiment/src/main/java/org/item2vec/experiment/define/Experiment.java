package org.item2vec.experiment.define;

import java.util.List;
import java.util.Optional;

/**
 * An experiment on recommendation lists. The first variant is the control: the one a request without a user
 * gets, and the one the others are compared with.
 *
 * @param salt    mixed into the hash of each user id, so experiments assign independently of each other;
 *                changing it reshuffles the users
 * @param running whether requests are served under it; a stopped experiment keeps its report
 */
public record Experiment(String id, String description, String salt, ExperimentMode mode, boolean running,
                         List<Variant> variants) {
    public Experiment {
        variants = List.copyOf(variants);
    }

    public Variant control() {
        return variants.get(0);
    }

    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
