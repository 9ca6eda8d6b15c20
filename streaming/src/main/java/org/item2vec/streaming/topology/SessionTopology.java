package org.item2vec.streaming.topology;

import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.messages.Listing;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;
import org.item2vec.service.config.Topics;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.events.CheckedClick;
import org.item2vec.streaming.events.Click;
import org.item2vec.streaming.events.ClickParser;

/**
 * The Kafka Streams topology from click events to sessions:
 *
 * <pre>
 * clicks ─ validate ─┬─ invalid ───────────────────────────────────────────────────────────▶ clicks-dlq
 *                    └─ re-key by user ─ repartition ─ market from listings (global table)
 *                                                       └─ cut sessions (per user) ─┬─ late ──▶ clicks-dlq
 *                                                                                   ├─ taken ─ count per item ─▶ item-counts
 *                                                                                   ├─ each pair ────▶ session-updates
 *                                                                                   └─ on close ─────▶ sessions
 * </pre>
 *
 * A finished session is its clicks cut by the same {@link Sessionizer} and {@link SessionRules} as the batch
 * trainer uses, so a click log gives the same sessions whether it is streamed or read from a file. When a session
 * closes and what is late are the {@link SessionCutter}'s rules: each user is judged by their own clicks only.
 */
public final class SessionTopology {
    /** Names of the state stores, which are also the prefixes of their changelog topics. */
    public static final String USER_SESSIONS_STORE = "user-sessions";
    public static final String SESSION_DEADLINES_STORE = "session-deadlines";
    public static final String ITEM_COUNTS_STORE = "item-counts";
    public static final String LISTINGS_STORE = "listings";

    private SessionTopology() {
    }

    /**
     * @param wallClock the clock the validator measures "too far in the future" against
     */
    public static Topology build(StreamingConfig config, TopologyMetrics metrics, LongSupplier wallClock) {
        StreamsBuilder builder = new StreamsBuilder();
        Topics topics = config.topics();
        ClickParser parser = new ClickParser(config.limits(), wallClock);

        GlobalKTable<String, byte[]> listings = builder.globalTable(topics.listings(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(LISTINGS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_SESSIONS_STORE),
                Serdes.String(), new UserSessionsSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SESSION_DEADLINES_STORE),
                Serdes.Bytes(), Serdes.ByteArray()));

        KStream<String, CheckedClick> checked = builder
                .stream(topics.clicks(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new ClickValidator(parser), Named.as("validate-clicks"));
        KStream<String, CheckedClick> valid = acceptOrDeadLetter(checked, "validated-", topics, metrics);

        // The event is read again after the repartition: its bytes travel, not the parsed click.
        KStream<String, CheckedClick> byUser = valid
                .map((key, click) -> KeyValue.pair(click.click().user(), click.original()), Named.as("key-by-user"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("clicks-by-user"))
                .processValues(() -> new ClickValidator(parser), Named.as("read-clicks-by-user"));
        KStream<String, SessionOutput> cut = acceptOrDeadLetter(byUser, "by-user-", topics, metrics)
                .leftJoin(listings, (user, click) -> click.click().item(),
                        (click, listing) -> withListingMarket(click, listing, metrics), Named.as("market-of-listing"))
                .process(() -> new SessionCutter(config.rules(), config.closeAfter(), config.maxSessionEvents(),
                        config.updateContext(), metrics), Named.as("cut-sessions"),
                        USER_SESSIONS_STORE, SESSION_DEADLINES_STORE);

        Map<String, KStream<String, SessionOutput>> outputs = cut.split(Named.as("sessions-"))
                .branch((user, out) -> out.kind() == SessionOutput.Kind.ACCEPTED, Branched.as("accepted"))
                .branch((user, out) -> out.kind() == SessionOutput.Kind.LATE, Branched.as("late"))
                .branch((user, out) -> out.kind() == SessionOutput.Kind.UPDATE, Branched.as("updates"))
                .defaultBranch(Branched.as("finished"));
        deadLetters(outputs.get("sessions-late").mapValues(SessionOutput::click, Named.as("late-clicks")),
                "late-", topics, metrics);
        KStream<String, Click> clicks = outputs.get("sessions-accepted")
                .mapValues(out -> out.click().click(), Named.as("clicks"));
        clicks.peek((user, click) -> metrics.click(), Named.as("count-clicks"));
        countItems(clicks, config.rules(), topics);

        Produced<String, byte[]> bytesOut = Produced.with(Serdes.String(), Serdes.ByteArray());
        outputs.get("sessions-updates").mapValues(SessionOutput::message, Named.as("update-messages"))
                .to(topics.sessionUpdates(), bytesOut);
        outputs.get("sessions-finished").mapValues(SessionOutput::message, Named.as("session-messages"))
                .to(topics.sessions(), bytesOut);
        return builder.build();
    }

    private static KStream<String, CheckedClick> acceptOrDeadLetter(KStream<String, CheckedClick> checked,
                                                                    String name, Topics topics,
                                                                    TopologyMetrics metrics) {
        Map<String, KStream<String, CheckedClick>> branches = checked.split(Named.as(name))
                .branch((key, click) -> click.isAccepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        deadLetters(branches.get(name + "rejected"), name, topics, metrics);
        return branches.get(name + "accepted");
    }

    private static void deadLetters(KStream<String, CheckedClick> rejected, String name, Topics topics,
                                    TopologyMetrics metrics) {
        rejected.peek((key, click) -> metrics.rejected(click.reason()), Named.as(name + "count-rejected"))
                .mapValues(CheckedClick::asDeadLetter, Named.as(name + "as-dead-letters"))
                .processValues(DeadLetterWriter::new, Named.as(name + "dead-letters"))
                .to(topics.deadLetters(), Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    private static CheckedClick withListingMarket(CheckedClick checked, byte[] listing, TopologyMetrics metrics) {
        Click click = checked.click();
        if (click.market() != null || listing == null) {
            return checked;
        }
        // Metadata only enriches: a click whose listing record is unreadable keeps going without a market.
        try {
            String market = Listing.fromJson(listing).market();
            return market == null ? checked : CheckedClick.accepted(checked.original(), click.withMarket(market));
        } catch (BadMessageException e) {
            metrics.unreadableListing();
            return checked;
        }
    }

    /** Clicks per item (accidental clicks excluded), the frequencies behind the trainer's vocabulary. */
    private static void countItems(KStream<String, Click> clicks, SessionRules rules, Topics topics) {
        clicks.filter((user, click) -> rules.keeps(click.event()), Named.as("deliberate-clicks"))
                .map((user, click) -> KeyValue.pair(click.item(), click.item()), Named.as("key-by-item"))
                .groupByKey(Grouped.with("clicks-by-item", Serdes.String(), Serdes.String()))
                .count(Named.as("count-items"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(ITEM_COUNTS_STORE))
                .toStream(Named.as("item-count-changes"))
                .to(topics.itemCounts(), Produced.with(Serdes.String(), Serdes.Long()));
    }
}
