package org.item2vec.service.config;

/**
 * The topics the services share: the streaming application writes what the trainer reads. Every name is configurable
 * ({@code item2vec.topics.clicks} and so on) so that several deployments can share one cluster.
 *
 * @param clicks         input: click events, key = user id, value = JSON
 * @param listings       input, compacted: listing metadata, key = item id, value = JSON
 * @param deadLetters    output: rejected input records, original bytes plus the reason in headers
 * @param sessions       output: finished sessions as item sequences
 * @param sessionUpdates output: what each new click adds to an open session
 * @param itemCounts     output, compacted: clicks per item
 */
public record Topics(String clicks, String listings, String deadLetters, String sessions, String sessionUpdates,
                     String itemCounts) {
    public static final Topics DEFAULT =
            new Topics("clicks", "listings", "clicks-dlq", "sessions", "session-updates", "item-counts");

    public static Topics from(Settings settings) {
        return new Topics(
                settings.string("item2vec.topics.clicks", DEFAULT.clicks),
                settings.string("item2vec.topics.listings", DEFAULT.listings),
                settings.string("item2vec.topics.dead-letters", DEFAULT.deadLetters),
                settings.string("item2vec.topics.sessions", DEFAULT.sessions),
                settings.string("item2vec.topics.session-updates", DEFAULT.sessionUpdates),
                settings.string("item2vec.topics.item-counts", DEFAULT.itemCounts));
    }
}
