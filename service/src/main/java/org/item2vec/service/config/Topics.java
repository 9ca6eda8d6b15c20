package org.item2vec.service.config;

/**
 * The topics the services share: the streaming application writes what the trainer reads, the API writes the
 * impressions the attribution job reads. Every name is configurable ({@code item2vec.topics.clicks} and so on)
 * so that several deployments can share one cluster.
 *
 * @param clicks                input: click events, key = user id, value = JSON
 * @param listings              input, compacted: listing metadata, key = item id, value = JSON
 * @param deadLetters           output: rejected click records, original bytes plus the reason in headers
 * @param sessions              output: finished sessions as item sequences
 * @param sessionUpdates        output: what each new click adds to an open session
 * @param itemCounts            output, compacted: clicks per item
 * @param impressions           input: recommendation lists served under experiments, key = user id, value = JSON
 *                              ({@code item2vec.topics.impressions}, default {@code rec-impressions})
 * @param impressionDeadLetters output: rejected impression records, original bytes plus the reason in headers
 *                              ({@code item2vec.topics.impression-dead-letters}, default {@code rec-impressions-dlq})
 * @param experimentStats       output, compacted: the counts of each experiment, key = experiment id, value = JSON
 *                              ({@code item2vec.topics.experiment-stats}, default {@code experiment-stats})
 */
public record Topics(String clicks, String listings, String deadLetters, String sessions, String sessionUpdates,
                     String itemCounts, String impressions, String impressionDeadLetters, String experimentStats) {
    public static final Topics DEFAULT = new Topics("clicks", "listings", "clicks-dlq", "sessions", "session-updates",
            "item-counts", "rec-impressions", "rec-impressions-dlq", "experiment-stats");

    public static Topics from(SettingSource settings) {
        return new Topics(
                settings.string("item2vec.topics.clicks", DEFAULT.clicks),
                settings.string("item2vec.topics.listings", DEFAULT.listings),
                settings.string("item2vec.topics.dead-letters", DEFAULT.deadLetters),
                settings.string("item2vec.topics.sessions", DEFAULT.sessions),
                settings.string("item2vec.topics.session-updates", DEFAULT.sessionUpdates),
                settings.string("item2vec.topics.item-counts", DEFAULT.itemCounts),
                settings.string("item2vec.topics.impressions", DEFAULT.impressions),
                settings.string("item2vec.topics.impression-dead-letters", DEFAULT.impressionDeadLetters),
                settings.string("item2vec.topics.experiment-stats", DEFAULT.experimentStats));
    }
}
