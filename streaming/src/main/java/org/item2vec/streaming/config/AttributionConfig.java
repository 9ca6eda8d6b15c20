package org.item2vec.streaming.config;

import java.time.Duration;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.SettingsException;

/**
 * The settings of the attribution job, which credits clicks and bookings to the experiment lists that showed the
 * item and publishes the counts of each experiment.
 *
 * @param enabled       whether the streaming application runs the job ({@code item2vec.attribution.enabled},
 *                      default {@code true})
 * @param applicationId its Kafka Streams application id, separate from the sessions' so that each keeps its own
 *                      offsets and state ({@code item2vec.attribution.application-id}, default
 *                      {@code item2vec-attribution})
 * @param window        how long after an impression a click or booking of one of its items counts for it; the job
 *                      keeps each user's impressions and clicks this long in event time
 *                      ({@code item2vec.attribution.window}, default 30 minutes)
 */
public record AttributionConfig(boolean enabled, String applicationId, Duration window) {
    public static final AttributionConfig DEFAULT =
            new AttributionConfig(true, "item2vec-attribution", Duration.ofMinutes(30));

    public static AttributionConfig from(Settings settings) {
        Duration window = settings.duration("item2vec.attribution.window", DEFAULT.window);
        if (window.isZero()) {
            throw new SettingsException("item2vec.attribution.window must be longer than zero");
        }
        return new AttributionConfig(
                settings.bool("item2vec.attribution.enabled", DEFAULT.enabled),
                settings.string("item2vec.attribution.application-id", DEFAULT.applicationId),
                window);
    }
}
