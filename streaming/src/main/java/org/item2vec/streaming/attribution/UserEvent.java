package org.item2vec.streaming.attribution;

/**
 * What the attribution job reads about one user. Impressions and clicks travel as one stream keyed by user so
 * that a single task, with a single store, sees both in the order they arrive.
 */
public sealed interface UserEvent permits ImpressionShown, Engagement {
    String user();

    long timestampMs();
}
