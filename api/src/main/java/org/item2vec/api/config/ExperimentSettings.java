package org.item2vec.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of experiments, bound from {@code item2vec.experiments.*} (defaults and comments in
 * {@code application.yml}). Whether impressions are published to Kafka, {@code log-impressions}, decides whether
 * {@link ExperimentFactory} makes an impression log at all, so it is read by that bean's condition, not here.
 *
 * @param file             the experiments file; empty: {@code DATA_DIR/experiments.json}
 * @param adminToken       the bearer token the admin endpoint asks for; empty: the admin endpoint is off
 * @param impressionBuffer impressions waiting to be sent; when it is full, new ones are dropped and counted
 * @param sendTimeout      how long the sender may wait for Kafka's metadata before an impression counts as
 *                         failed
 * @param interleavingSeed the coins of team-draft interleaving; 0: a fresh random seed per process
 */
@ConfigurationProperties("item2vec.experiments")
public record ExperimentSettings(String file, String adminToken, int impressionBuffer, Duration sendTimeout,
                                 long interleavingSeed) {
}
