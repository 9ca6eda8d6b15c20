package org.item2vec.experiment.define;

import java.util.Locale;

/** How a variant makes its list. */
public enum Strategy {
    /** The items nearest to the query item in the query's own market (the default of {@code /recommend}). */
    SIMILAR_IN_MARKET,
    /** The nearest items in every market. */
    ANY_MARKET,
    /** The most clicked items of the query's market, whatever the query: the baseline embeddings must beat. */
    POPULARITY;

    /** The name in JSON and configuration: {@code similar-in-market}, {@code any-market}, {@code popularity}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Strategy parse(String key) {
        for (Strategy strategy : values()) {
            if (strategy.key().equals(key)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + key
                + "'; use similar-in-market, any-market or popularity");
    }
}
