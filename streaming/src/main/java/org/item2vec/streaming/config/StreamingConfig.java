package org.item2vec.streaming.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.service.config.KafkaSettings;
import org.item2vec.service.config.Settings;
import org.item2vec.service.config.Topics;

/**
 * Everything the streaming application can be told, with the defaults it runs on. Built from
 * {@link Settings}, so each value can come from the settings file, an {@code ITEM2VEC_...} environment
 * variable or a command-line option.
 *
 * @param bootstrapServers  Kafka brokers
 * @param setupTimeout      how long to wait for Kafka when creating topics at start
 * @param applicationId     Kafka Streams application id: consumer group and prefix of internal topics
 * @param stateDir          where Kafka Streams keeps its local state (RocksDB stores of open sessions)
 * @param topics            topic names
 * @param rules             how clicks become sessions (gap, dwell threshold, repeats, minimum length)
 * @param closeAfter        a session is written once none of its clicks has arrived for this long by the
 *                          processing clock; a click of it arriving later is {@code late}
 * @param limits            what makes an event invalid
 * @param maxSessionEvents  events kept per open session; beyond it (bots) further events are counted, not kept
 * @param updateContext     how many preceding items of the session a session update carries
 * @param partitions        partitions of the topics this application creates when they are missing
 * @param replication       replication factor of those topics
 * @param statusPort        port of the health and metrics endpoint (0: any free port, -1: none)
 * @param reportInterval    interval of the status line in the log
 * @param streamsOverrides  extra Kafka Streams properties ({@code item2vec.streams.*} in the settings file)
 * @param attribution       the attribution job, which runs beside the sessions with the same Kafka settings
 */
public record StreamingConfig(String bootstrapServers, Duration setupTimeout, String applicationId, Path stateDir, Topics topics,
                              SessionRules rules, Duration closeAfter, ClickLimits limits, int maxSessionEvents,
                              int updateContext, int partitions, short replication, int statusPort,
                              Duration reportInterval, Map<String, String> streamsOverrides,
                              AttributionConfig attribution) {
    /** What {@code close-after} adds to the inactivity gap by default: how long a click may be delayed. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);

    public static StreamingConfig from(Settings settings) {
        SessionRules rules = new SessionRules(
                settings.duration("item2vec.sessions.inactivity-gap", SessionRules.DEFAULT_INACTIVITY_GAP),
                settings.integer("item2vec.sessions.min-length", SessionRules.DEFAULT_MIN_LENGTH, 1),
                settings.bool("item2vec.sessions.collapse-repeats", true),
                settings.duration("item2vec.sessions.min-dwell", SessionRules.DEFAULT_MIN_DWELL));
        return new StreamingConfig(
                KafkaSettings.bootstrapServers(settings),
                settings.duration("item2vec.kafka.setup-timeout", Duration.ofSeconds(30)),
                settings.string("item2vec.streaming.application-id", "item2vec-streaming"),
                Path.of(settings.string("item2vec.streaming.state-dir", "data/streaming")),
                Topics.from(settings),
                rules,
                settings.duration("item2vec.sessions.close-after", rules.inactivityGap().plus(DEFAULT_GRACE)),
                ClickLimits.from(settings),
                settings.integer("item2vec.sessions.max-events", 1000, 2),
                settings.integer("item2vec.sessions.update-context", 5, 1),
                settings.integer("item2vec.topics.partitions", 3, 1),
                (short) settings.integer("item2vec.topics.replication-factor", 1, 1),
                settings.integer("item2vec.streaming.status-port", 8081, -1),
                settings.duration("item2vec.streaming.report-interval", Duration.ofMinutes(1)),
                settings.passThrough("item2vec.streams"),
                AttributionConfig.from(settings));
    }

    public StreamingConfig withLimits(ClickLimits newLimits) {
        return new StreamingConfig(bootstrapServers, setupTimeout, applicationId, stateDir, topics, rules, closeAfter,
                newLimits, maxSessionEvents, updateContext, partitions, replication, statusPort, reportInterval,
                streamsOverrides, attribution);
    }
}
