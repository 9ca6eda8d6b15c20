package org.item2vec.experiment.define;

import java.util.Locale;

/** How an experiment compares its variants. */
public enum ExperimentMode {
    /** Each user is assigned one variant and sees only its lists. */
    AB,
    /**
     * Each user sees one list merged from the first two variants by team-draft interleaving; clicks are
     * credited to the variant that contributed the clicked item.
     */
    INTERLEAVING;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExperimentMode parse(String key) {
        for (ExperimentMode mode : values()) {
            if (mode.key().equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown experiment mode '" + key + "'; use ab or interleaving");
    }
}
