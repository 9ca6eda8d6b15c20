package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The settings of the map page's projection, {@code GET /map}, bound from {@code item2vec.api.map.*} in
 * {@code application.yml}, which holds the defaults.
 *
 * @param defaultLimit      items on a map when the request names no limit: the most frequent ones
 * @param maxLimit          the most items one map may hold
 * @param recomputeInterval the live model's map is computed again at most this often
 */
@ConfigurationProperties("item2vec.api.map")
public record MapSettings(int defaultLimit, int maxLimit, Duration recomputeInterval) {
}
