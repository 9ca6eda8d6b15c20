package org.item2vec.experiment.events;

import java.util.List;

/**
 * One recommendation list served under an experiment, as published to {@code rec-impressions} (key: the user).
 *
 * @param requestId    the request's id, as in its {@code X-Request-Id} header
 * @param experiment   the experiment's id
 * @param variant      the user's variant; {@link #INTERLEAVED} for a list merged from two variants
 * @param item         the item the list was asked for
 * @param modelVersion the model that made the list
 * @param items        the list, best first
 * @param teams        for an interleaved list, the variant that contributed each item (same length as
 *                     {@code items}); empty otherwise
 * @param timestampMs  when the list was served, epoch milliseconds
 */
public record Impression(String requestId, String user, String experiment, String variant, String item,
                         String modelVersion, List<String> items, List<String> teams, long timestampMs) {
    public static final String INTERLEAVED = "interleaved";

    public Impression {
        items = List.copyOf(items);
        teams = List.copyOf(teams);
        if (!teams.isEmpty() && teams.size() != items.size()) {
            throw new IllegalArgumentException(teams.size() + " teams for " + items.size() + " items");
        }
    }

    public boolean interleaved() {
        return !teams.isEmpty();
    }
}
