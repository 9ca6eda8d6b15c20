package org.item2vec.trainer.vectors;

/** An item found by a search, with its score (cosine similarity, or the input·output score). */
public record Neighbour(int index, String item, float score) {
}
