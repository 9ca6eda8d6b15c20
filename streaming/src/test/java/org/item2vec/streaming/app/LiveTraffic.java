package org.item2vec.streaming.app;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.item2vec.streaming.SyntheticClicks;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;

/**
 * Live users clicking on a thread of their own until closed: users {@code live-0} to {@code live-<n-1>}, each a
 * click every 100 ms, timestamped by the clock as it is sent.
 */
final class LiveTraffic implements AutoCloseable {
    private static final long PACE_MS = 100;

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int users;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    LiveTraffic(KafkaProducer<String, String> producer, String topic, int users) {
        this.producer = producer;
        this.topic = topic;
        this.users = users;
        thread = new Thread(this::run, "live-traffic");
        thread.start();
    }

    private void run() {
        for (long round = 0; running.get(); round++) {
            for (int u = 0; u < users; u++) {
                String user = "live-" + u;
                ClickEvent click = new ClickEvent(user, "i" + (round % 10), System.currentTimeMillis(),
                        EventType.CLICK);
                producer.send(new ProducerRecord<>(topic, user, SyntheticClicks.json(click)));
                sent.incrementAndGet();
            }
            try {
                Thread.sleep(PACE_MS); // the pace of the traffic, not a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The clicks sent so far. */
    long sent() {
        return sent.get();
    }

    /** Waits until {@code count} clicks have been sent. */
    void awaitClicks(long count, Duration timeout) {
        Awaitility.await(count + " live clicks sent").atMost(timeout).until(() -> sent.get() >= count);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
        producer.flush();
    }
}
