package org.item2vec.experiment.define;

/**
 * One way of making recommendation lists, and its share of the experiment's users.
 *
 * @param weight   relative share of users (weights need not add up to 1 or 100); ignored by interleaving
 * @param model    the model version to ask, or {@code null} for the API's default model
 * @param strategy how the list is made
 * @param k        the list's length, or {@code null} for the request's {@code k}
 * @param ranking  {@code similar} or {@code next} (see {@code /recommend}'s {@code mode}), or {@code null}
 *                 for the request's
 */
public record Variant(String name, double weight, String model, Strategy strategy, Integer k, String ranking) {
}
