package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The experiment topics, under the keys the streaming service reads too ({@code item2vec.topics.*}).
 *
 * @param impressions     where the API publishes the lists it served under an experiment
 * @param experimentStats where the attribution job publishes each experiment's counts
 */
@ConfigurationProperties("item2vec.topics")
public record TopicSettings(String impressions, String experimentStats) {
}
