package org.item2vec.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.events.messages.Listing;
import org.item2vec.service.config.Topics;
import org.item2vec.trainer.demo.DemoMarketplace;

/**
 * Live traffic of the demo marketplace: publishes its listings, then click events as users browse, at a steady
 * rate after a first burst. Each user has a taste (a listing they would like), and most of their sessions look
 * for listings like it; a session is a {@link DemoMarketplace.Visit}, whose clicks arrive one by one,
 * interleaved with other users' sessions, and which ends in a booking now and then.
 */
final class DemoTraffic implements AutoCloseable {
    private static final int USERS = 2000;
    private static final int OPEN_SESSIONS = 100;
    private static final double TASTE_SHARE = 0.8;
    private static final int[] PRICES = {60, 120, 240};

    /** A session being clicked through. */
    private record Open(String user, String market, Deque<String> items, boolean booked, String last) {
    }

    private final DemoMarketplace marketplace;
    private final Topics topics;
    private final KafkaProducer<String, String> producer;
    private final double eventsPerSecond;
    private final long burst;
    private final Random random;
    private final List<DemoMarketplace.Listing> tastes = new ArrayList<>();
    private final List<Open> open = new ArrayList<>();
    /** Users with an open session: a user browses one session at a time. */
    private final Set<String> browsing = new HashSet<>();
    /** Events published so far; the traffic thread's alone. */
    private long published;
    private final Thread thread;
    private final Consumer<String> log;
    private volatile boolean closing;

    /**
     * @param burst events published as fast as possible first, so that the model has something to say at once
     */
    DemoTraffic(DemoMarketplace marketplace, String bootstrapServers, Topics topics, double eventsPerSecond,
                long burst, long seed, Consumer<String> log) {
        this.marketplace = marketplace;
        this.topics = topics;
        this.eventsPerSecond = eventsPerSecond;
        this.burst = burst;
        this.random = new Random(seed);
        this.log = log;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer());
        for (int u = 0; u < USERS; u++) {
            tastes.add(marketplace.randomListing(random));
        }
        this.thread = new Thread(this::run, "demo-traffic");
        thread.setDaemon(true);
    }

    void start() {
        for (DemoMarketplace.Listing listing : marketplace.listings()) {
            Listing message = new Listing(listing.id(), listing.market(), listing.type(),
                    (double) PRICES[listing.priceBucket()], null, null);
            producer.send(new ProducerRecord<>(topics.listings(), listing.id(),
                    new String(message.toJson(), StandardCharsets.UTF_8)));
        }
        thread.start();
    }


    private void run() {
        long start = System.nanoTime();
        try {
            while (!closing) {
                if (published >= burst) {
                    long due = start + (long) ((published - burst) / eventsPerSecond * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        continue;
                    }
                } else {
                    start = System.nanoTime();
                }
                publishNextClick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.accept("demo traffic stopped: " + e);
        }
    }

    private void publishNextClick() {
        while (open.size() < OPEN_SESSIONS) {
            open.add(newSession());
        }
        int index = random.nextInt(open.size());
        Open session = open.get(index);
        String item = session.items().poll();
        String type = "click";
        if (item == null) {
            // The visit is over: a booking of the last listing, or nothing.
            open.remove(index);
            browsing.remove(session.user());
            if (!session.booked()) {
                return;
            }
            item = session.last();
            type = "book";
        }
        String event = String.format(Locale.ROOT, "{\"user\": \"%s\", \"item\": \"%s\", \"ts\": %d, \"type\": \"%s\", "
                + "\"market\": \"%s\"}", session.user(), item, System.currentTimeMillis(), type, session.market());
        producer.send(new ProducerRecord<>(topics.clicks(), session.user(), event));
        published++;
    }

    private Open newSession() {
        int user = random.nextInt(USERS);
        while (!browsing.add("demo-user-" + user)) {
            user = random.nextInt(USERS);
        }
        DemoMarketplace.Listing wish = random.nextDouble() < TASTE_SHARE ? tastes.get(user)
                : marketplace.randomListing(random);
        DemoMarketplace.Visit visit = marketplace.visit(wish, random);
        List<String> clicked = visit.clicked();
        return new Open("demo-user-" + user, wish.market(), new ArrayDeque<>(clicked), visit.booked(),
                clicked.get(clicked.size() - 1));
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
