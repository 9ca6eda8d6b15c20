package org.item2vec.streaming.attribution;

import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.service.config.Topics;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.events.CheckedClick;
import org.item2vec.streaming.events.ClickParser;
import org.item2vec.streaming.topology.ClickValidator;
import org.item2vec.streaming.topology.DeadLetterWriter;

/**
 * The Kafka Streams topology from impressions and clicks to the counts of each experiment:
 *
 * <pre>
 * rec-impressions ─ read ─┬─ unreadable ──────────────────────────────────────────▶ rec-impressions-dlq
 *                         └─ key by user ─┐
 * clicks ─────────── read ─┬─ key by user ─┴─ merge ─ repartition by user
 *                          └─ invalid: only counted        └─ attribute (recent activity, experiment users)
 *                                                              └─ changes by experiment ─ sum ─▶ experiment-stats
 * </pre>
 *
 * Producers may partition the two input topics by user differently (kcat's partitioner is not the Java
 * client's), so both are re-keyed and repartitioned together: every event of a user then reaches the same task
 * and its stores. The attribution rules are the {@link Attributor}'s.
 */
public final class AttributionTopology {
    /** Names of the state stores, which are also the prefixes of their changelog topics. */
    public static final String RECENT_ACTIVITY_STORE = "attribution-recent-activity";
    public static final String EXPERIMENT_USERS_STORE = "attribution-experiment-users";
    public static final String EXPERIMENT_COUNTS_STORE = "experiment-counts";

    private AttributionTopology() {
    }

    /**
     * @param wallClock the clock the click parser measures "too far in the future" against
     */
    public static Topology build(StreamingConfig config, AttributionMetrics metrics, LongSupplier wallClock) {
        StreamsBuilder builder = new StreamsBuilder();
        Topics topics = config.topics();
        Serde<ExperimentCounts> countsSerde = AttributionSerdes.experimentCounts();

        KStream<String, UserEvent> impressions = impressionsByUser(builder, topics, metrics);
        KStream<String, UserEvent> engagements = engagementsByUser(builder, topics,
                new ClickParser(config.limits(), wallClock), metrics);

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT_ACTIVITY_STORE),
                Serdes.String(), AttributionSerdes.recentActivity()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXPERIMENT_USERS_STORE),
                Serdes.String(), AttributionSerdes.experimentUser()));

        impressions.merge(engagements, Named.as("user-events"))
                .repartition(Repartitioned.with(Serdes.String(), AttributionSerdes.userEvents())
                        .withName("user-events-by-user"))
                .process(() -> new AttributionProcessor(config.attribution().window(), metrics), Named.as("attribute"),
                        RECENT_ACTIVITY_STORE, EXPERIMENT_USERS_STORE)
                // Changes of one experiment come from every user's task: bring them together to add them up.
                .groupByKey(Grouped.with("count-changes-by-experiment", Serdes.String(), countsSerde))
                .reduce(ExperimentCounts::plus, Named.as("sum-count-changes"),
                        Materialized.<String, ExperimentCounts, KeyValueStore<Bytes, byte[]>>as(EXPERIMENT_COUNTS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(countsSerde))
                .toStream(Named.as("experiment-totals"))
                .to(topics.experimentStats(), Produced.with(Serdes.String(), countsSerde));
        return builder.build();
    }

    /** Readable impressions keyed by their user; unreadable ones go to the dead-letter topic with the reason. */
    private static KStream<String, UserEvent> impressionsByUser(StreamsBuilder builder, Topics topics,
                                                                AttributionMetrics metrics) {
        KStream<String, CheckedImpression> checked = builder
                .stream(topics.impressions(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(ImpressionReader::new, Named.as("read-impressions"));
        checked.filterNot((key, impression) -> impression.isAccepted(), Named.as("unreadable-impressions"))
                .peek((key, impression) -> metrics.badImpression(), Named.as("count-unreadable-impressions"))
                .mapValues(CheckedImpression::asDeadLetter, Named.as("impressions-as-dead-letters"))
                .processValues(DeadLetterWriter::new, Named.as("impression-dead-letters"))
                .to(topics.impressionDeadLetters(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return checked.filter((key, impression) -> impression.isAccepted(), Named.as("readable-impressions"))
                .peek((key, impression) -> metrics.impression(), Named.as("count-impressions"))
                .map((key, impression) -> KeyValue.<String, UserEvent>pair(impression.impression().user(),
                        new ImpressionShown(impression.impression())), Named.as("impressions-by-user"));
    }

    /**
     * Valid clicks and bookings keyed by their user. The session topology dead-letters invalid clicks already, so
     * here they are only counted.
     */
    private static KStream<String, UserEvent> engagementsByUser(StreamsBuilder builder, Topics topics,
                                                                ClickParser parser, AttributionMetrics metrics) {
        KStream<String, CheckedClick> checked = builder
                .stream(topics.clicks(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new ClickValidator(parser), Named.as("read-clicks"));
        checked.filterNot((key, click) -> click.isAccepted(), Named.as("invalid-clicks"))
                .foreach((key, click) -> metrics.unreadableClick(), Named.as("count-invalid-clicks"));
        return checked.filter((key, click) -> click.isAccepted(), Named.as("valid-clicks"))
                .map((key, click) -> KeyValue.<String, UserEvent>pair(click.click().user(),
                        Engagement.of(click.click())), Named.as("clicks-by-user"));
    }
}
