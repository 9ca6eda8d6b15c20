package org.item2vec.trainer.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.item2vec.broker.EmbeddedKafka;
import org.item2vec.events.sessions.Session;
import org.item2vec.trainer.demo.DemoMarketplace;

/** The demo marketplace's sessions as the streaming application writes them to {@code sessions}. */
final class DemoSessions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoMarketplace demo;
    private final List<Session> sessions;

    DemoSessions(int users, long seed) {
        demo = DemoMarketplace.generate(users, seed);
        sessions = demo.sessions();
    }

    List<Session> sessions() {
        return sessions;
    }

    /**
     * The same sessions with the items of those that ended before {@code cutoffMs} shuffled across the whole
     * history: the same items and counts, no signal; the sessions after the cutoff are left as they are.
     */
    List<Session> shuffledBefore(long cutoffMs, long seed) {
        List<String> pool = new ArrayList<>();
        sessions.stream().filter(s -> s.endMs() < cutoffMs).forEach(s -> pool.addAll(s.items()));
        Collections.shuffle(pool, new Random(seed));
        List<Session> result = new ArrayList<>();
        int next = 0;
        for (Session s : sessions) {
            if (s.endMs() >= cutoffMs) {
                result.add(s);
                continue;
            }
            List<String> items = new ArrayList<>(pool.subList(next, next + s.items().size()));
            next += items.size();
            result.add(new Session(s.user(), items, s.booked() == null ? null : items.get(items.size() - 1),
                    s.startMs(), s.endMs()));
        }
        return result;
    }

    String json(Session session) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sessionId", session.user() + "@" + session.startMs());
        node.put("user", session.user());
        session.items().forEach(node.putArray("items")::add);
        node.put("booked", session.booked());
        node.put("market", demo.listing(session.items().get(0)).market());
        node.put("start", session.startMs());
        node.put("end", session.endMs());
        return node.toString();
    }

    static void createTopics(EmbeddedKafka kafka, String... topics) throws Exception {
        kafka.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, 2, (short) 1)).toArray(NewTopic[]::new));
    }

    void publish(String bootstrapServers, String topic, List<Session> toPublish) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            for (Session session : toPublish) {
                producer.send(new ProducerRecord<>(topic, session.user(), json(session)));
            }
        }
    }
}
