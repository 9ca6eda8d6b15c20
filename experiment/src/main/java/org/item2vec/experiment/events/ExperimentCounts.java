package org.item2vec.experiment.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one experiment, as the attribution job publishes them to {@code experiment-stats} (key: the
 * experiment id, compacted: the latest record is the current total). The job also uses this type for the
 * changes it adds up, which is why {@link #plus} exists.
 *
 * @param variants       counts per variant name
 * @param tiedExposures  interleaving: lists with clicks where neither variant's items got more
 * @param tiedUsers      interleaving: users with clicks whose clicks favour neither variant
 */
public record ExperimentCounts(String experiment, Map<String, VariantCounts> variants, long tiedExposures,
                               long tiedUsers) {
    public ExperimentCounts {
        variants = Map.copyOf(variants);
    }

    public static ExperimentCounts empty(String experiment) {
        return new ExperimentCounts(experiment, Map.of(), 0, 0);
    }

    public VariantCounts variant(String name) {
        return variants.getOrDefault(name, VariantCounts.ZERO);
    }

    public ExperimentCounts plus(ExperimentCounts other) {
        Map<String, VariantCounts> sum = new TreeMap<>(variants);
        other.variants.forEach((name, counts) -> sum.merge(name, counts, VariantCounts::plus));
        return new ExperimentCounts(experiment, sum, tiedExposures + other.tiedExposures,
                tiedUsers + other.tiedUsers);
    }
}
