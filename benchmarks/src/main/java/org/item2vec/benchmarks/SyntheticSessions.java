package org.item2vec.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.item2vec.events.messages.FinishedSession;

/**
 * Finished sessions made up for retrain benchmarks, with something in them to learn. Items live in markets of
 * Zipf-like sizes ({@link SyntheticCatalogue#zipfSizes}), and each market is cut into topics of about
 * {@value #TOPIC_SIZE} consecutive items. A session picks a market (in proportion to its size), then a topic,
 * and mostly clicks items of that topic; the other clicks wander to other topics of the same market. Topics
 * and items within a topic are drawn with Zipf-like popularity, so a few items are clicked very often and
 * most rarely, as in a marketplace. The same seed gives the same sessions.
 */
final class SyntheticSessions {
    /** Items per topic: a neighbourhood worth recommending from, as in {@link ClusteredVectors}. */
    static final int TOPIC_SIZE = 100;
    static final int MIN_LENGTH = 2;
    static final int MAX_LENGTH = 15;
    /** The share of clicks on the session's own topic; the rest go elsewhere in its market. */
    static final double ON_TOPIC = 0.8;
    static final double BOOKED = 0.1;
    /** Sessions per user on average: users come back. */
    private static final int SESSIONS_PER_USER = 6;
    /** The mean time between two clicks of a session. */
    private static final long MEAN_DWELL_MS = 40_000;

    /** One finished session; {@code booked} is the index of the booked item, or -1. */
    record Session(String user, int[] items, int booked, int market, long startMs, long endMs) {
        /** The message the streaming application writes to the {@code sessions} topic. */
        byte[] json() {
            List<String> ids = new ArrayList<>(items.length);
            for (int item : items) {
                ids.add(itemId(item));
            }
            String id = org.item2vec.events.sessions.Session.id(user, startMs);
            return new FinishedSession(id, user, ids, booked < 0 ? null : itemId(booked),
                    SyntheticCatalogue.marketName(market + 1), startMs, endMs, 0).toJson();
        }
    }

    private final int[] marketStarts;
    private final int items;
    private final long seed;

    SyntheticSessions(int items, int markets, long seed) {
        int[] sizes = SyntheticCatalogue.zipfSizes(items, markets);
        if (Arrays.stream(sizes).min().orElse(0) < 1) {
            throw new IllegalArgumentException(items + " items are too few for " + markets + " markets");
        }
        this.items = items;
        this.seed = seed;
        marketStarts = new int[markets + 1];
        for (int m = 0; m < markets; m++) {
            marketStarts[m + 1] = marketStarts[m] + sizes[m];
        }
    }

    /** Item ids are their indices, as a catalogue's numeric listing ids would be. */
    static String itemId(int index) {
        return Integer.toString(index);
    }

    int items() {
        return items;
    }

    int markets() {
        return marketStarts.length - 1;
    }

    /** The market (0-based) an item is listed in. */
    int marketOf(int item) {
        int found = Arrays.binarySearch(marketStarts, item);
        return found >= 0 ? found : -found - 2;
    }

    /**
     * Sessions adding up to at least {@code clicks} clicks whose ends are spread evenly over
     * {@code [fromMs, toMs]}, in the order they ended.
     */
    void generate(long clicks, long fromMs, long toMs, Consumer<Session> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        int users = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                clicks * 2 / ((MIN_LENGTH + MAX_LENGTH) * SESSIONS_PER_USER)));
        long done = 0;
        while (done < clicks) {
            int market = marketOf(random.nextInt(items));
            int start = marketStarts[market];
            int size = marketStarts[market + 1] - start;
            int topics = Math.max(1, size / TOPIC_SIZE);
            int topic = zipf(random, topics);
            int[] session = new int[MIN_LENGTH + random.nextInt(MAX_LENGTH - MIN_LENGTH + 1)];
            for (int i = 0; i < session.length; i++) {
                int t = random.nextDouble() < ON_TOPIC ? topic : zipf(random, topics);
                int topicStart = (int) ((long) t * size / topics);
                int topicEnd = (int) ((long) (t + 1) * size / topics);
                session[i] = start + topicStart + zipf(random, topicEnd - topicStart);
            }
            done += session.length;
            long endMs = fromMs + (long) ((toMs - fromMs) * Math.min(1.0, done / (double) clicks));
            long startMs = endMs - (session.length - 1) * (long) (MEAN_DWELL_MS * 2 * random.nextDouble());
            int booked = random.nextDouble() < BOOKED ? session[session.length - 1] : -1;
            sink.accept(new Session("u" + random.nextInt(users), session, booked, market, startMs, endMs));
        }
    }

    /**
     * A rank in {@code [0, n)} with probability falling off about as {@code 1/(rank + 1)}: {@code (n + 1)^u - 1}
     * for a uniform {@code u} has a density proportional to {@code 1/(x + 1)}.
     */
    static int zipf(SplittableRandom random, int n) {
        return Math.min(n - 1, (int) Math.pow(n + 1, random.nextDouble()) - 1);
    }
}
