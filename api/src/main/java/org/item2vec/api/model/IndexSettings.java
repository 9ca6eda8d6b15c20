package org.item2vec.api.model;

import org.item2vec.api.index.AnnIndex;

/**
 * When and how models are indexed.
 *
 * @param annThreshold a group of at least this many items (a market, or all) gets an approximate index;
 *                     smaller ones are searched exactly
 * @param hnsw         the index's parameters
 * @param threads      threads that build an index
 */
public record IndexSettings(int annThreshold, AnnIndex.Params hnsw, int threads) {
}
