package org.item2vec.streaming.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.SettingsException;

/**
 * What the validator accepts. Anything outside goes to the dead-letter topic with the reason.
 *
 * @param maxEventBytes  larger values are rejected before parsing (a click is about 100 bytes)
 * @param maxIdLength    longer user or item ids are rejected: they are keys in every store
 * @param earliest       timestamps before this are absurd (default 2000-01-01)
 * @param maxFutureSkew  timestamps further ahead of the processing clock than this are not trusted; it must stay
 *                       below the brokers' {@code log.message.timestamp.after.max.ms} (1 hour by default), which
 *                       refuses records timestamped further ahead
 */
public record ClickLimits(int maxEventBytes, int maxIdLength, Instant earliest, Duration maxFutureSkew) {
    public static final ClickLimits DEFAULT =
            new ClickLimits(8192, 256, Instant.parse("2000-01-01T00:00:00Z"), Duration.ofMinutes(5));

    public static ClickLimits from(Settings settings) {
        String earliest = settings.string("item2vec.clicks.earliest-timestamp", DEFAULT.earliest.toString());
        Instant earliestInstant;
        try {
            earliestInstant = Instant.parse(earliest);
        } catch (DateTimeParseException e) {
            throw new SettingsException(
                    "item2vec.clicks.earliest-timestamp must be an ISO-8601 instant, got '" + earliest + "'");
        }
        return new ClickLimits(
                settings.integer("item2vec.clicks.max-event-bytes", DEFAULT.maxEventBytes, 64),
                settings.integer("item2vec.clicks.max-id-length", DEFAULT.maxIdLength, 1),
                earliestInstant,
                settings.duration("item2vec.clicks.max-future-skew", DEFAULT.maxFutureSkew));
    }

    public ClickLimits withMaxFutureSkew(Duration skew) {
        return new ClickLimits(maxEventBytes, maxIdLength, earliest, skew);
    }
}
