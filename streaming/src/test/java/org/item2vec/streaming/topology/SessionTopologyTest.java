package org.item2vec.streaming.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.service.config.Settings;
import org.item2vec.service.status.Metrics;
import org.item2vec.streaming.SyntheticClicks;
import org.item2vec.streaming.config.StreamingConfig;
import org.item2vec.streaming.events.RejectReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2025-06-01T10:00:00Z").toEpochMilli();
    private static final long NOW = Instant.parse("2025-06-10T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    /** The default: the inactivity gap (30 minutes) plus 5 minutes for a click's delay. */
    private static final Duration CLOSE_AFTER = Duration.ofMinutes(35);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TopologyMetrics metrics;
    private TestInputTopic<String, byte[]> clicks;
    private TestInputTopic<String, byte[]> listings;
    private TestOutputTopic<String, byte[]> sessions;
    private TestOutputTopic<String, byte[]> updates;
    private TestOutputTopic<String, byte[]> deadLetters;
    private TestOutputTopic<String, Long> itemCounts;

    @BeforeEach
    void start() {
        // Default rules: 30-minute gap, 5-minute grace, 30 s minimum dwell, repeats collapsed, length >= 2.
        StreamingConfig config = StreamingConfig.from(Settings.empty().with("item2vec.clicks.max-event-bytes", "512"));
        metrics = new TopologyMetrics(new Metrics("test"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SessionTopology.build(config, metrics, () -> NOW), props);
        clicks = driver.createInputTopic("clicks", new StringSerializer(), new ByteArraySerializer());
        listings = driver.createInputTopic("listings", new StringSerializer(), new ByteArraySerializer());
        sessions = driver.createOutputTopic("sessions", new StringDeserializer(), new ByteArrayDeserializer());
        updates = driver.createOutputTopic("session-updates", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("clicks-dlq", new StringDeserializer(), new ByteArrayDeserializer());
        itemCounts = driver.createOutputTopic("item-counts", new StringDeserializer(), new LongDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void click(String user, String item, long ts) {
        send(user, "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"ts\":" + ts + "}");
    }

    /** A click with a type and, when not negative, a dwell time. */
    private void click(String user, String item, long ts, String type, long dwellMs) {
        send(user, "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"ts\":" + ts + ",\"type\":\"" + type
                + "\"" + (dwellMs >= 0 ? ",\"dwellMs\":" + dwellMs : "") + "}");
    }

    private void send(String key, String value) {
        clicks.pipeInput(key, value.getBytes(StandardCharsets.UTF_8), T0);
    }

    /** Lets the processing clock run until every session pending so far is written. */
    private void closeSessions() {
        driver.advanceWallClockTime(CLOSE_AFTER.plusSeconds(2));
    }

    private List<JsonNode> finishedSessions() {
        return sessions.readValuesToList().stream().map(SessionTopologyTest::parse).toList();
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> items(JsonNode session) {
        List<String> items = new ArrayList<>();
        session.get("items").forEach(item -> items.add(item.asText()));
        return items;
    }

    @Test
    void clicksWithinTheGapFormOneSessionAndALongerPauseStartsANewOne() {
        click("u1", "A", T0);
        click("u1", "B", T0 + 30 * MINUTE); // exactly the gap: same session
        click("u1", "C", T0 + 60 * MINUTE + 1); // one ms more than the gap after B: new session
        click("u1", "D", T0 + 61 * MINUTE);
        closeSessions();

        List<JsonNode> finished = finishedSessions();
        assertEquals(2, finished.size(), finished.toString());
        assertEquals(List.of("A", "B"), items(finished.get(0)));
        assertEquals(List.of("C", "D"), items(finished.get(1)));
        JsonNode first = finished.get(0);
        assertEquals("u1@" + T0, first.get("sessionId").asText());
        assertEquals("u1", first.get("user").asText());
        assertEquals(T0, first.get("start").asLong());
        assertEquals(T0 + 30 * MINUTE, first.get("end").asLong());
        assertTrue(first.get("booked").isNull());
    }

    @Test
    void aSessionIsWrittenOnlyOnceItsClicksStoppedArrivingForTheCloseDelay() {
        click("u1", "A", T0);
        driver.advanceWallClockTime(Duration.ofMinutes(20));
        click("u1", "B", T0 + MINUTE);
        driver.advanceWallClockTime(CLOSE_AFTER.minusSeconds(2));
        assertTrue(sessions.isEmpty(), "B arrived less than the close delay ago: the session may still grow");

        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertEquals(List.of("A", "B"), items(finishedSessions().get(0)));
    }

    @Test
    void outOfOrderClicksAreSortedByEventTime() {
        click("u1", "C", T0 + 10 * MINUTE);
        click("u1", "A", T0);
        click("u1", "B", T0 + 5 * MINUTE);
        closeSessions();

        assertEquals(List.of("A", "B", "C"), items(finishedSessions().get(0)));
    }

    @Test
    void aClickDelayedLessThanTheCloseDelayJoinsItsSession() {
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        driver.advanceWallClockTime(CLOSE_AFTER.minusMinutes(1));
        click("u1", "X", T0 + 2 * MINUTE);
        closeSessions();

        assertEquals(List.of("A", "B", "X"), items(finishedSessions().get(0)));
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void aClickThatWouldJoinAWrittenSessionIsALateDeadLetterNotALoss() {
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        closeSessions();
        String late = "{\"user\":\"u1\",\"item\":\"X\",\"ts\":" + (T0 + 2 * MINUTE) + "}";
        send("u1", late);
        // Within the gap after the written session's end: it would have bridged into it.
        send("u1", "{\"user\":\"u1\",\"item\":\"Y\",\"ts\":" + (T0 + 31 * MINUTE) + "}");

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("late", header(dead.get(0), DeadLetterWriter.REASON_HEADER));
        assertArrayEquals(late.getBytes(StandardCharsets.UTF_8), dead.get(0).value());
        assertEquals(2, metrics.deadLetters(RejectReason.LATE));
        assertEquals(List.of("A", "B"), items(finishedSessions().get(0)));
    }

    @Test
    void aClickAfterTheGapFollowingAWrittenSessionStartsANewOne() {
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        closeSessions();
        click("u1", "C", T0 + 31 * MINUTE + 1);
        click("u1", "D", T0 + 32 * MINUTE);
        closeSessions();

        assertTrue(deadLetters.isEmpty());
        assertEquals(List.of(List.of("A", "B"), List.of("C", "D")),
                finishedSessions().stream().map(SessionTopologyTest::items).toList());
    }

    @Test
    void anotherUsersClickFarAheadMakesNoClickLateAndClosesNothing() {
        click("u1", "A", T0);
        // Other users' clicks, 50 minutes and two days ahead in event time, on the same task.
        click("u2", "Z", T0 + 50 * MINUTE);
        click("u3", "Z", T0 + 2 * 24 * 60 * MINUTE);
        click("u1", "B", T0 + MINUTE);
        assertTrue(sessions.isEmpty(), "no click of u1 is old by the processing clock: its session stays open");
        click("u1", "C", T0 + 2 * MINUTE);
        closeSessions();

        assertTrue(deadLetters.isEmpty(), () -> deadLetters.readRecordsToList().toString());
        assertEquals(List.of("A", "B", "C"), items(finishedSessions().get(0)));
    }

    @Test
    void aUsersClicksArrivingHoursOutOfOrderStillMakeTheBatchSessions() {
        // As when one input partition runs far ahead of another in a replay: the later session's clicks first.
        click("u1", "C", T0 + 300 * MINUTE);
        click("u1", "D", T0 + 301 * MINUTE);
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        closeSessions();

        assertTrue(deadLetters.isEmpty());
        assertEquals(List.of(List.of("A", "B"), List.of("C", "D")),
                finishedSessions().stream().map(SessionTopologyTest::items).toList());
    }

    @Test
    void aClickAheadOfTheClockWithinTheSkewIsTaken() {
        click("u1", "A", NOW + 3 * MINUTE);
        click("u1", "B", NOW + 4 * MINUTE);
        closeSessions();

        assertTrue(deadLetters.isEmpty(), () -> deadLetters.readRecordsToList().toString());
        assertEquals(List.of("A", "B"), items(finishedSessions().get(0)));
    }

    @Test
    void aUserDoneForADayIsForgotten() {
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        closeSessions();
        assertEquals(1, finishedSessions().size());
        assertTrue(driver.getKeyValueStore(SessionTopology.USER_SESSIONS_STORE).get("u1") != null,
                "the end of the written session is remembered to recognise late clicks");

        driver.advanceWallClockTime(SessionCutter.WRITTEN_MEMORY.plusSeconds(2));
        assertNull(driver.getKeyValueStore(SessionTopology.USER_SESSIONS_STORE).get("u1"));
        assertEquals(0, driver.getKeyValueStore(SessionTopology.SESSION_DEADLINES_STORE).approximateNumEntries());
    }

    @Test
    void accidentalClicksAreDroppedButKeepTheSessionOpen() {
        click("u1", "A", T0, "click", 60_000);
        click("u1", "quick", T0 + 20 * MINUTE, "click", 2_000); // accidental: under 30 s
        click("u1", "B", T0 + 45 * MINUTE, "click", 40_000); // within 30 min of the accidental click
        closeSessions();

        List<JsonNode> finished = finishedSessions();
        assertEquals(1, finished.size());
        assertEquals(List.of("A", "B"), items(finished.get(0)));
    }

    @Test
    void immediateRepeatsCountOnce() {
        click("u1", "A", T0);
        click("u1", "A", T0 + MINUTE);
        click("u1", "B", T0 + 2 * MINUTE);
        click("u1", "A", T0 + 3 * MINUTE);
        closeSessions();

        assertEquals(List.of("A", "B", "A"), items(finishedSessions().get(0)));
    }

    @Test
    void aBookingMarksTheBookedItem() {
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        click("u1", "B", T0 + 2 * MINUTE, "book", -1);
        closeSessions();

        JsonNode session = finishedSessions().get(0);
        assertEquals(List.of("A", "B"), items(session));
        assertEquals("B", session.get("booked").asText());
    }

    @Test
    void sessionsShorterThanTwoItemsAreDropped() {
        click("u1", "A", T0);
        click("u1", "A", T0 + MINUTE);
        click("u2", "B", T0);
        closeSessions();

        assertTrue(sessions.isEmpty());
    }

    @Test
    void eachNewPairInAnOpenSessionIsPublishedAsAnUpdate() {
        click("u1", "A", T0);
        assertTrue(updates.isEmpty(), "a first click has no pair yet");
        click("u1", "B", T0 + MINUTE);
        click("u1", "B", T0 + 2 * MINUTE); // repeat: no new pair
        click("u1", "C", T0 + 3 * MINUTE);

        List<JsonNode> published = updates.readValuesToList().stream().map(SessionTopologyTest::parse).toList();
        assertEquals(2, published.size(), published.toString());
        assertEquals("B", published.get(0).get("item").asText());
        assertEquals("[\"A\"]", published.get(0).get("context").toString());
        assertEquals("C", published.get(1).get("item").asText());
        assertEquals("[\"A\",\"B\"]", published.get(1).get("context").toString());
        assertEquals("u1@" + T0, published.get(1).get("sessionId").asText());
        assertTrue(sessions.isEmpty(), "the session itself is still open");
    }

    @Test
    void deliberateClicksAreCountedPerItem() {
        click("u1", "A", T0);
        click("u2", "A", T0 + MINUTE);
        click("u2", "B", T0 + 2 * MINUTE);
        click("u3", "B", T0 + 3 * MINUTE, "click", 1_000); // accidental: not counted

        Map<String, Long> counts = itemCounts.readKeyValuesToMap();
        assertEquals(Map.of("A", 2L, "B", 1L), counts);
    }

    @Test
    void theSessionMarketComesFromClicksOrElseFromListingMetadata() {
        listings.pipeInput("A", "{\"item\":\"A\",\"market\":\"paris\",\"price\":120}".getBytes(StandardCharsets.UTF_8));
        listings.pipeInput("B", "{\"item\":\"B\",\"market\":\"paris\"}".getBytes(StandardCharsets.UTF_8));
        listings.pipeInput("C", "not json".getBytes(StandardCharsets.UTF_8));
        click("u1", "A", T0);
        click("u1", "B", T0 + MINUTE);
        click("u1", "C", T0 + 2 * MINUTE);
        send("u2", "{\"user\":\"u2\",\"item\":\"Z\",\"ts\":" + T0 + ",\"market\":\"rome\"}");
        send("u2", "{\"user\":\"u2\",\"item\":\"Y\",\"ts\":" + (T0 + MINUTE) + ",\"market\":\"rome\"}");
        closeSessions();

        Map<String, String> marketByUser = finishedSessions().stream()
                .collect(Collectors.toMap(s -> s.get("user").asText(), s -> s.get("market").asText()));
        assertEquals(Map.of("u1", "paris", "u2", "rome"), marketByUser);
    }

    @Test
    void recordsWithoutAKeyAreGroupedByTheUserInTheEvent() {
        clicks.pipeInput((String) null, ("{\"user\":\"u9\",\"item\":\"A\",\"ts\":" + T0 + "}")
                .getBytes(StandardCharsets.UTF_8), T0);
        send("wrong-key", "{\"user\":\"u9\",\"item\":\"B\",\"ts\":" + (T0 + MINUTE) + "}");
        closeSessions();

        assertTrue(deadLetters.isEmpty(), () -> deadLetters.readRecordsToList().toString());
        TestRecord<String, byte[]> session = sessions.readRecord();
        assertEquals("u9", session.key());
        assertEquals(List.of("A", "B"), items(parse(session.value())));
    }

    @Test
    void everyKindOfBadInputGoesToTheDeadLetterTopicWithItsReasonAndOriginalBytes() {
        String longId = "x".repeat(300);
        Map<String, RejectReason> bad = new LinkedHashMap<>();
        bad.put("", RejectReason.EMPTY);
        bad.put("{\"user\":\"u\",\"item\":\"" + "y".repeat(600) + "\"}", RejectReason.OVERSIZED);
        bad.put("{\"user\": \"u\", \"item\": ", RejectReason.MALFORMED_JSON);
        bad.put("[1, 2, 3]", RejectReason.NOT_AN_OBJECT);
        bad.put("{\"item\":\"A\",\"ts\":" + T0 + "}", RejectReason.MISSING_USER);
        bad.put("{\"user\":\"u\",\"ts\":" + T0 + "}", RejectReason.MISSING_ITEM);
        bad.put("{\"user\":\"" + longId + "\",\"item\":\"A\",\"ts\":" + T0 + "}", RejectReason.ID_TOO_LONG);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":\"yesterday\"}", RejectReason.BAD_TIMESTAMP);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":\"1970-01-02T00:00:00Z\"}", RejectReason.ABSURD_TIMESTAMP);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":" + (NOW + 3 * 86_400_000L) + "}", RejectReason.FUTURE_TIMESTAMP);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":" + (NOW + 2 * 3_600_000L) + "}", RejectReason.FUTURE_TIMESTAMP);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":" + (NOW + 6 * MINUTE) + "}", RejectReason.FUTURE_TIMESTAMP);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":" + T0 + ",\"type\":\"purr\"}", RejectReason.BAD_TYPE);
        bad.put("{\"user\":\"u\",\"item\":\"A\",\"ts\":" + T0 + ",\"dwellMs\":-5}", RejectReason.BAD_FIELD);
        bad.put("{\"user\":{\"id\":1},\"item\":\"A\",\"ts\":" + T0 + "}", RejectReason.BAD_FIELD);
        bad.forEach((value, reason) -> send("u", value));
        clicks.pipeInput("u", (byte[]) null, T0);

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertEquals(bad.size() + 1, dead.size());
        List<String> values = new ArrayList<>(bad.keySet());
        List<RejectReason> reasons = new ArrayList<>(bad.values());
        for (int i = 0; i < bad.size(); i++) {
            TestRecord<String, byte[]> record = dead.get(i);
            assertEquals(reasons.get(i).code(), header(record, DeadLetterWriter.REASON_HEADER), values.get(i));
            assertArrayEquals(values.get(i).getBytes(StandardCharsets.UTF_8), record.value());
            assertTrue(header(record, DeadLetterWriter.SOURCE_HEADER).startsWith("clicks-0@"));
            assertTrue(!header(record, DeadLetterWriter.DETAIL_HEADER).isBlank());
        }
        assertEquals("empty", header(dead.get(bad.size()), DeadLetterWriter.REASON_HEADER));
        assertNull(dead.get(bad.size()).value());
        assertEquals(bad.size() + 1, metrics.deadLetters());

        // The application carries on: a good session after all that still comes out.
        click("u", "A", T0);
        click("u", "B", T0 + MINUTE);
        closeSessions();
        assertEquals(List.of("A", "B"), items(finishedSessions().get(0)));
    }

    @Test
    void theSameClicksGiveTheSameSessionsAsTheBatchSessionizer() {
        // Users with random pauses, repeats, accidental clicks and bookings, fed slightly out of order within
        // the grace period: the streamed sessions must be exactly what the batch trainer cuts from the log.
        SyntheticClicks clicksLog = new SyntheticClicks(40, 25, T0, 7);
        clicksLog.arrivalOrder().forEach(e -> send(e.user(), SyntheticClicks.json(e)));
        closeSessions();

        List<String> expected = clicksLog.expectedSessions(SessionRules.DEFAULT);
        List<String> streamed = finishedSessions().stream()
                .map(s -> SyntheticClicks.describe(s.get("sessionId").asText(), items(s),
                        s.get("booked").isNull() ? null : s.get("booked").asText()))
                .sorted().toList();
        assertTrue(expected.size() > 60, "the test data should make many sessions, made " + expected.size());
        assertTrue(deadLetters.isEmpty(), () -> deadLetters.readRecordsToList().size() + " dead letters");
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(streamed);
        List<String> extra = new ArrayList<>(streamed);
        extra.removeAll(expected);
        assertEquals(List.of(), missing, "missing; extra: " + extra);
        assertEquals(expected, streamed);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
