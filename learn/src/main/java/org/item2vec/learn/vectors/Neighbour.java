package org.item2vec.learn.vectors;

/** An item found by a search, with its score (cosine similarity, or the input·output score). */
public record Neighbour(int index, String item, float score) {
}
