package org.item2vec.streaming.topology;

import java.util.List;
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
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.SessionStore;
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
 * clicks ─ validate ─┬─ invalid ───────────────────────────────────────────────▶ clicks-dlq
 *                    └─ re-key by user ─ repartition ─ late? ─┬─ late ────────────▶ clicks-dlq
 *                                                             └─ market from listings (global table)
 *                                                                 ├─ count per item ─▶ item-counts
 *                                                                 └─ session windows (gap, grace)
 *                                                                     ├─ each change ─▶ session-updates
 *                                                                     └─ on close ────▶ sessions
 * </pre>
 *
 * A finished session is the window's clicks cut by the same {@link Sessionizer} and {@link SessionRules} as
 * the batch trainer uses, so a click log gives the same sessions whether it is streamed or read from a file.
 */
public final class SessionTopology {
    /** Names of the state stores, which are also the prefixes of their changelog topics. */
    public static final String OPEN_SESSIONS_STORE = "open-sessions";
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
        SessionRules rules = config.rules();
        ClickParser parser = new ClickParser(config.limits(), wallClock);

        GlobalKTable<String, byte[]> listings = builder.globalTable(topics.listings(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(LISTINGS_STORE));

        KStream<String, CheckedClick> checked = builder
                .stream(topics.clicks(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new ClickValidator(parser), Named.as("validate-clicks"));
        KStream<String, CheckedClick> valid = acceptOrDeadLetter(checked, "validated-", topics, metrics);

        KStream<String, CheckedClick> onTime = valid
                .map((key, click) -> KeyValue.pair(click.click().user(), click.original()), Named.as("key-by-user"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("clicks-by-user"))
                .processValues(() -> new LateClickFilter(parser, rules.inactivityGap(), config.grace()),
                        Named.as("reject-late-clicks"));
        KStream<String, Click> clicks = acceptOrDeadLetter(onTime, "on-time-", topics, metrics)
                .mapValues(CheckedClick::click, Named.as("clicks"))
                .leftJoin(listings, (user, click) -> click.item(),
                        (click, listing) -> withListingMarket(click, listing, metrics), Named.as("market-of-listing"));
        clicks.peek((user, click) -> metrics.click(), Named.as("count-clicks"));

        countItems(clicks, rules, topics);
        cutSessions(clicks, config, metrics);
        return builder.build();
    }

    private static KStream<String, CheckedClick> acceptOrDeadLetter(KStream<String, CheckedClick> checked,
                                                                    String name, Topics topics,
                                                                    TopologyMetrics metrics) {
        Map<String, KStream<String, CheckedClick>> branches = checked.split(Named.as(name))
                .branch((key, click) -> click.isAccepted(), Branched.as("accepted"))
                .defaultBranch(Branched.as("rejected"));
        branches.get(name + "rejected")
                .peek((key, click) -> metrics.rejected(click.reason()), Named.as(name + "count-rejected"))
                .mapValues(CheckedClick::asDeadLetter, Named.as(name + "as-dead-letters"))
                .processValues(DeadLetterWriter::new, Named.as(name + "dead-letters"))
                .to(topics.deadLetters(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return branches.get(name + "accepted");
    }

    private static Click withListingMarket(Click click, byte[] listing, TopologyMetrics metrics) {
        if (click.market() != null || listing == null) {
            return click;
        }
        // Metadata only enriches: a click whose listing record is unreadable keeps going without a market.
        try {
            String market = Listing.fromJson(listing).market();
            return market == null ? click : click.withMarket(market);
        } catch (BadMessageException e) {
            metrics.unreadableListing();
            return click;
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

    private static void cutSessions(KStream<String, Click> clicks, StreamingConfig config, TopologyMetrics metrics) {
        int maxEvents = config.maxSessionEvents();
        SessionRules rules = config.rules();
        Produced<String, byte[]> bytesOut = Produced.with(Serdes.String(), Serdes.ByteArray());

        // Caching is off so that every click reaches the update stream, not only the last one per commit.
        KTable<Windowed<String>, OpenSession> open = clicks
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(rules.inactivityGap(), config.grace()))
                .aggregate(OpenSession::new,
                        (user, click, session) -> {
                            if (session.clicks().size() >= maxEvents) {
                                metrics.overflow();
                            }
                            return session.add(click, maxEvents);
                        },
                        (user, left, right) -> left.merge(right, maxEvents),
                        Named.as("session-windows"),
                        Materialized.<String, OpenSession, SessionStore<Bytes, byte[]>>as(OPEN_SESSIONS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new OpenSessionSerde())
                                .withCachingDisabled());

        open.toStream(Named.as("open-session-changes"))
                .flatMap((window, session) -> session == null ? List.<KeyValue<String, byte[]>>of()
                        : SessionMessages.update(session, window.window().start(), rules, config.updateContext())
                                .map(update -> {
                                    metrics.update();
                                    return List.of(KeyValue.pair(window.key(), update));
                                })
                                .orElse(List.of()), Named.as("session-updates"))
                .to(config.topics().sessionUpdates(), bytesOut);

        open.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("until-session-closes"))
                .toStream(Named.as("closed-sessions"))
                .flatMap((window, session) -> session == null ? List.<KeyValue<String, byte[]>>of()
                        : Sessionizer.cut(session.events(), rules).stream()
                                .map(finished -> {
                                    metrics.session();
                                    return KeyValue.pair(window.key(),
                                            SessionMessages.finished(finished, session.market(), session.overflow()));
                                })
                                .toList(), Named.as("finished-sessions"))
                .to(config.topics().sessions(), bytesOut);
    }
}
