package org.item2vec.streaming.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.ExperimentMessages;
import org.item2vec.experiment.events.Impression;
import org.item2vec.experiment.events.VariantCounts;
import org.item2vec.service.config.Settings;
import org.item2vec.service.status.Metrics;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.topology.DeadLetterWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionTopologyTest {
    private static final long T0 = Instant.parse("2025-06-01T10:00:00Z").toEpochMilli();
    private static final long NOW = Instant.parse("2025-06-02T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long WINDOW = 30 * MINUTE;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private AttributionMetrics metrics;
    private TestInputTopic<String, byte[]> impressions;
    private TestInputTopic<String, byte[]> clicks;
    private TestOutputTopic<String, byte[]> stats;
    private TestOutputTopic<String, byte[]> deadLetters;
    /** The latest value per experiment on the compacted stats topic, as a reader of it would see it. */
    private final Map<String, ExperimentCounts> totals = new HashMap<>();
    private int requests;

    @BeforeEach
    void start() {
        StreamingConfig config = StreamingConfig.from(Settings.empty()); // default window: 30 minutes
        metrics = new AttributionMetrics(new Metrics("test"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "attribution-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AttributionTopology.build(config, metrics, () -> NOW), props);
        impressions = driver.createInputTopic("rec-impressions", new StringSerializer(), new ByteArraySerializer());
        clicks = driver.createInputTopic("clicks", new StringSerializer(), new ByteArraySerializer());
        stats = driver.createOutputTopic("experiment-stats", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("rec-impressions-dlq", new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void impression(String user, String experiment, String variant, long ts, String... items) {
        send(new Impression("req-" + ++requests, user, experiment, variant, "seed", "v1", List.of(items), List.of(),
                ts));
    }

    /** An interleaved list: {@code teams[i]} contributed {@code items[i]}. */
    private void interleaved(String user, String experiment, long ts, List<String> items, List<String> teams) {
        send(new Impression("req-" + ++requests, user, experiment, Impression.INTERLEAVED, "seed", "v1", items, teams,
                ts));
    }

    /**
     * Records carry their event's time, as a producer's records do when sent as things happen. The driver runs the
     * whole topology as one task, so its stream time, which expires the state, is the newest record timestamp piped.
     */
    private void send(Impression impression) {
        impressions.pipeInput(impression.user(), ExperimentMessages.toJson(impression), impression.timestampMs());
    }

    private void click(String user, String item, long ts) {
        engagement(user, item, ts, "click");
    }

    private void engagement(String user, String item, long ts, String type) {
        clicks.pipeInput(user, utf8("{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"ts\":" + ts
                + ",\"type\":\"" + type + "\"}"), ts);
    }

    private ExperimentCounts counts(String experiment) {
        stats.readKeyValuesToMap().forEach((key, value) -> {
            try {
                ExperimentCounts counts = ExperimentMessages.counts(value);
                assertEquals(key, counts.experiment());
                totals.put(key, counts);
            } catch (BadMessageException e) {
                throw new AssertionError("unreadable experiment-stats record: " + e.getMessage(), e);
            }
        });
        ExperimentCounts counts = totals.get(experiment);
        assertNotNull(counts, "no counts of " + experiment + " in " + totals);
        return counts;
    }

    private VariantCounts variant(String experiment, String variant) {
        return counts(experiment).variant(variant);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static VariantCounts exposed(long exposures, long users) {
        return new VariantCounts(exposures, users, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void countsExposuresAndDistinctUsersPerVariant() {
        impression("u1", "exp", "control", T0, "a", "b");
        impression("u1", "exp", "control", T0 + MINUTE, "c");
        impression("u2", "exp", "control", T0 + 2 * MINUTE, "a");
        impression("u3", "exp", "treatment", T0 + 3 * MINUTE, "a");

        assertEquals(exposed(3, 2), variant("exp", "control"));
        assertEquals(exposed(1, 1), variant("exp", "treatment"));
        assertEquals(4, metrics.impressions());
    }

    @Test
    void aClickOnAListedItemWithinTheWindowCounts() {
        impression("u1", "exp", "control", T0, "a", "b");
        click("u1", "a", T0 + 10 * MINUTE);
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));

        // A second click on the list is a click more, but neither a clicked list nor a clicking user more.
        click("u1", "b", T0 + 20 * MINUTE);
        assertEquals(new VariantCounts(1, 1, 2, 0, 1, 1, 0, 0, 0), variant("exp", "control"));
        assertEquals(2, metrics.attributedClicks());
    }

    @Test
    void theWindowIncludesItsEndAndNothingOutsideIt() {
        impression("u1", "exp", "control", T0, "a");
        click("u1", "a", T0 - 1); // before the list was served
        assertEquals(exposed(1, 1), variant("exp", "control"));

        click("u1", "a", T0 + WINDOW);
        click("u1", "a", T0 + WINDOW + 1); // after the window
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));
        assertEquals(1, metrics.attributedClicks());
    }

    @Test
    void aClickOnAnUnlistedItemOrByAnotherUserDoesNotCount() {
        impression("u1", "exp", "control", T0, "a", "b");
        click("u1", "z", T0 + MINUTE);
        click("u2", "a", T0 + MINUTE);
        assertEquals(exposed(1, 1), variant("exp", "control"));
        assertEquals(0, metrics.attributedClicks());
    }

    @Test
    void aBookingCountsAsABookingNotAsAClick() {
        impression("u1", "exp", "control", T0, "a", "b");
        engagement("u1", "b", T0 + 5 * MINUTE, "book");
        assertEquals(new VariantCounts(1, 1, 0, 1, 0, 0, 1, 0, 0), variant("exp", "control"));

        engagement("u1", "a", T0 + 6 * MINUTE, "view"); // a view is a click
        assertEquals(new VariantCounts(1, 1, 1, 1, 1, 1, 1, 0, 0), variant("exp", "control"));
        assertEquals(1, metrics.attributedBookings());
        assertEquals(1, metrics.attributedClicks());
    }

    @Test
    void theMostRecentImpressionOfAnExperimentGetsTheClick() {
        // The variants differ (say the user was reassigned) only to make visible which list got the click.
        impression("u1", "exp", "control", T0, "a", "b");
        impression("u1", "exp", "treatment", T0 + 5 * MINUTE, "a", "c");
        click("u1", "a", T0 + 6 * MINUTE);

        assertEquals(exposed(1, 1), variant("exp", "control"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "treatment"));

        // An item only the older list shows goes to the older list.
        click("u1", "b", T0 + 7 * MINUTE);
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));
    }

    @Test
    void eachExperimentAttributesOnItsOwn() {
        impression("u1", "ranking", "control", T0, "a");
        impression("u1", "diversity", "treatment", T0 + MINUTE, "a");
        click("u1", "a", T0 + 2 * MINUTE);

        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("ranking", "control"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("diversity", "treatment"));
        assertEquals(1, metrics.attributedClicks(), "one click, however many experiments it counts for");
    }

    @Test
    void aClickProcessedBeforeItsImpressionCountsWhenTheImpressionArrives() {
        click("u1", "a", T0 + 5 * MINUTE);
        engagement("u1", "a", T0 + 6 * MINUTE, "book");
        assertEquals(0, metrics.attributedClicks());

        impression("u1", "exp", "control", T0, "a");
        assertEquals(new VariantCounts(1, 1, 1, 1, 1, 1, 1, 0, 0), variant("exp", "control"));
        assertEquals(1, metrics.attributedClicks());
        assertEquals(1, metrics.attributedBookings());
    }

    @Test
    void aMoreRecentImpressionArrivingLateTakesTheClickFromTheOlderOne() {
        impression("u1", "exp", "control", T0, "a");
        click("u1", "a", T0 + 6 * MINUTE);
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));

        impression("u1", "exp", "treatment", T0 + 5 * MINUTE, "a");
        assertEquals(exposed(1, 1), variant("exp", "control"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "treatment"));
        assertEquals(1, metrics.attributedClicks(), "a click that moves is not attributed twice");

        // An older impression arriving late leaves the click where it is.
        impression("u1", "exp", "control", T0 + 2 * MINUTE, "a");
        assertEquals(exposed(2, 1), variant("exp", "control"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "treatment"));
    }

    @Test
    void anInterleavedListExposesEachTeamAndCreditsTheTeamOfTheClickedItem() {
        interleaved("u1", "exp", T0, List.of("a", "b", "c", "d"), List.of("A", "B", "A", "B"));
        assertEquals(exposed(1, 1), variant("exp", "A"));
        assertEquals(exposed(1, 1), variant("exp", "B"));
        assertFalse(counts("exp").variants().containsKey(Impression.INTERLEAVED));

        click("u1", "c", T0 + MINUTE);
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 1, 1), variant("exp", "A"));
        assertEquals(exposed(1, 1), variant("exp", "B"));

        engagement("u1", "d", T0 + 2 * MINUTE, "book"); // a booking credits its team but is no click
        assertEquals(new VariantCounts(1, 1, 0, 1, 0, 0, 1, 0, 0), variant("exp", "B"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 1, 1), variant("exp", "A"));
    }

    @Test
    void equalClicksForBothTeamsTieTheListAndTheUser() {
        interleaved("u1", "exp", T0, List.of("a", "b"), List.of("A", "B"));
        click("u1", "a", T0 + MINUTE);
        click("u1", "b", T0 + 2 * MINUTE);

        ExperimentCounts counts = counts("exp");
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), counts.variant("A"));
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), counts.variant("B"));
        assertEquals(1, counts.tiedExposures());
        assertEquals(1, counts.tiedUsers());

        click("u1", "b", T0 + 3 * MINUTE);
        counts = counts("exp");
        assertEquals(new VariantCounts(1, 1, 2, 0, 1, 1, 0, 1, 1), counts.variant("B"));
        assertEquals(0, counts.variant("A").wonExposures());
        assertEquals(0, counts.variant("A").preferringUsers());
        assertEquals(0, counts.tiedExposures());
        assertEquals(0, counts.tiedUsers());
    }

    @Test
    void theUsersPreferenceMovesWhenTheOtherTeamGetsAhead() {
        interleaved("u1", "exp", T0, List.of("a1", "b1"), List.of("A", "B"));
        click("u1", "a1", T0 + MINUTE);
        assertEquals(1, variant("exp", "A").preferringUsers());
        assertEquals(0, variant("exp", "B").preferringUsers());

        interleaved("u1", "exp", T0 + 10 * MINUTE, List.of("b2", "a2", "b3"), List.of("B", "A", "B"));
        click("u1", "b2", T0 + 11 * MINUTE);
        ExperimentCounts level = counts("exp");
        assertEquals(0, level.variant("A").preferringUsers());
        assertEquals(0, level.variant("B").preferringUsers());
        assertEquals(1, level.tiedUsers(), "one click each: the user prefers neither");

        click("u1", "b3", T0 + 12 * MINUTE);
        ExperimentCounts after = counts("exp");
        assertEquals(new VariantCounts(2, 1, 1, 0, 1, 1, 0, 1, 0), after.variant("A"));
        assertEquals(new VariantCounts(2, 1, 2, 0, 1, 1, 0, 1, 1), after.variant("B"));
        assertEquals(0, after.tiedUsers());
        assertEquals(0, after.tiedExposures(), "each list has a winner: A the first, B the second");
    }

    @Test
    void aBadImpressionGoesToTheDeadLetterTopicWithItsReasonAndProcessingGoesOn() {
        byte[] bad = utf8("{\"user\":\"u1\",\"experiment\":\"exp\",\"items\":[\"a\"],\"ts\":" + T0 + "}");
        impressions.pipeInput("u1", bad, T0);
        impressions.pipeInput("u1", utf8("{not json"), T0);
        impression("u1", "exp", "control", T0, "a");
        click("u1", "a", T0 + MINUTE);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("u1", dead.get(0).key());
        assertEquals(new String(bad, StandardCharsets.UTF_8), new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(CheckedImpression.REJECT_REASON, header(dead.get(0), DeadLetterWriter.REASON_HEADER));
        assertEquals("field 'variant' is missing or empty", header(dead.get(0), DeadLetterWriter.DETAIL_HEADER));
        assertEquals("rec-impressions-0@0", header(dead.get(0), DeadLetterWriter.SOURCE_HEADER));
        assertEquals("malformed JSON", header(dead.get(1), DeadLetterWriter.DETAIL_HEADER));
        assertEquals(2, metrics.badImpressions());

        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));
    }

    @Test
    void invalidClicksAreOnlyCounted() {
        impression("u1", "exp", "control", T0, "a");
        clicks.pipeInput("u1", utf8("{\"user\":\"u1\"}"), T0);
        clicks.pipeInput("u1", utf8("garbage"), T0);
        click("u1", "a", T0 + MINUTE);

        assertEquals(2, metrics.unreadableClicks());
        assertEquals(new VariantCounts(1, 1, 1, 0, 1, 1, 0, 0, 0), variant("exp", "control"));
    }

    @Test
    void recentActivityExpiresAWindowAfterItHappenedButExposedUsersAreRemembered() {
        KeyValueStore<String, ?> recent = driver.getKeyValueStore(AttributionTopology.RECENT_ACTIVITY_STORE);
        KeyValueStore<String, ?> experimentUsers = driver.getKeyValueStore(AttributionTopology.EXPERIMENT_USERS_STORE);
        impression("u1", "exp", "control", T0, "a");
        click("u1", "z", T0 + MINUTE);
        assertNotNull(recent.get("u1"));

        // Another user's events move stream time two windows on; u1 is idle, so only the sweep can forget it.
        impression("u2", "exp", "control", T0 + 2 * WINDOW, "a");
        assertNull(recent.get("u1"), "u1's impression and click are older than stream time minus the window");
        assertNotNull(experimentUsers.get(ExperimentUser.key("exp", "u1")));

        // A click arriving this late finds nothing to count for, though it is within the window of u1's list.
        click("u1", "a", T0 + 10 * MINUTE);
        assertEquals(exposed(2, 2), variant("exp", "control"));
        assertNull(recent.get("u1"), "an event older than the window is not kept either");

        // A new list for u1 is an exposure, but u1 is no new user.
        impression("u1", "exp", "control", T0 + 2 * WINDOW + MINUTE, "a");
        assertEquals(exposed(3, 2), variant("exp", "control"));
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "missing header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
