package org.item2vec.streaming.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.VariantCounts;

/** The changes one event makes to the counts of experiments, added up per experiment. */
final class CountChanges {
    private final Map<String, ExperimentCounts> byExperiment = new LinkedHashMap<>();

    void add(ExperimentCounts change) {
        byExperiment.merge(change.experiment(), change, ExperimentCounts::plus);
    }

    /** Adds the change from {@code before} to {@code after}, two states of the same contribution. */
    void add(ExperimentCounts before, ExperimentCounts after) {
        add(after.plus(negated(before)));
    }

    /** The changes per experiment, leaving out variants, and experiments, whose counts did not change. */
    Map<String, ExperimentCounts> nonZero() {
        Map<String, ExperimentCounts> changed = new LinkedHashMap<>();
        byExperiment.forEach((experiment, change) -> {
            Map<String, VariantCounts> variants = new TreeMap<>(change.variants());
            variants.values().removeIf(VariantCounts.ZERO::equals);
            if (!variants.isEmpty() || change.tiedExposures() != 0 || change.tiedUsers() != 0) {
                changed.put(experiment, new ExperimentCounts(experiment, variants, change.tiedExposures(),
                        change.tiedUsers()));
            }
        });
        return changed;
    }

    private static ExperimentCounts negated(ExperimentCounts counts) {
        Map<String, VariantCounts> variants = new TreeMap<>();
        counts.variants().forEach((name, c) -> variants.put(name, new VariantCounts(-c.exposures(), -c.users(),
                -c.clicks(), -c.bookings(), -c.clickedExposures(), -c.clickingUsers(), -c.bookingUsers(),
                -c.wonExposures(), -c.preferringUsers())));
        return new ExperimentCounts(counts.experiment(), variants, -counts.tiedExposures(), -counts.tiedUsers());
    }
}
