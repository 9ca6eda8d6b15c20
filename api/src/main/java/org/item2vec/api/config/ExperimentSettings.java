package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of experiments, bound from {@code item2vec.experiments.*} (defaults and comments in
 * {@code application.yml}).
 *
 * @param file             the experiments file; empty: {@code DATA_DIR/experiments.json}
 * @param adminToken       the bearer token the admin endpoint asks for; empty: the admin endpoint is off
 * @param logImpressions   whether lists served under an experiment are published to Kafka
 * @param impressionBuffer impressions waiting to be sent; when it is full, new ones are dropped and counted
 * @param sendTimeout      how long the sender may wait for Kafka's metadata before an impression counts as
 *                         failed
 * @param interleavingSeed the coins of team-draft interleaving; 0: a fresh random seed per process
 */
@ConfigurationProperties("item2vec.experiments")
public record ExperimentSettings(String file, String adminToken, boolean logImpressions, int impressionBuffer,
                                 Duration sendTimeout, long interleavingSeed) {
}
