package org.item2vec.streaming.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.item2vec.streaming.events.CheckedClick;
import org.item2vec.streaming.events.Click;
import org.item2vec.streaming.events.RejectReason;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;

/**
 * Cuts each user's clicks into sessions with the batch {@link Sessionizer}'s rules, judging every user by their own
 * clicks alone.
 *
 * <p>A user's clicks wait in {@link UserSessions}, sorted by event time, however far apart. A session is written
 * once none of its clicks has arrived for {@code closeAfter} by the processing clock (and the ones before it are
 * written): in live traffic that is the inactivity gap plus the delay a click may have; in a replay it leaves
 * every click of the log, whatever its time, the same delay to arrive. A click is late only when it would join or
 * bridge a session of its user already written. No other user's clicks, nor another partition's pace, move
 * anything here: Kafka Streams' stream time is not used.
 *
 * <p>The processing clock that matters is this processor's own: when it starts (a restart, a rebalance), the clicks
 * pending in the store count as having arrived at that moment, so that the time the application was down, and
 * the backlog it then reads, makes no session close before its clicks were read.
 *
 * <p>Users due for a look are indexed by processing time in a second store (deadline, then user, as the key's
 * bytes), so that the sweep every {@link #SWEEP_INTERVAL} reads only those, not every user.
 */
final class SessionCutter implements Processor<String, CheckedClick, String, SessionOutput> {
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    /**
     * How long the end of a user's last written session is kept once nothing of theirs is pending: clicks of
     * theirs arriving later than this are not recognised as late (they start a session of their own).
     */
    static final Duration WRITTEN_MEMORY = Duration.ofDays(1);
    private static final byte[] PRESENT = new byte[0];

    private final SessionRules rules;
    private final long gapMs;
    private final long closeAfterMs;
    private final int maxEvents;
    private final int updateContext;
    private final TopologyMetrics metrics;
    private ProcessorContext<String, SessionOutput> context;
    private KeyValueStore<String, UserSessions> users;
    private KeyValueStore<Bytes, byte[]> deadlines;
    private long startedMs;

    SessionCutter(SessionRules rules, Duration closeAfter, int maxEvents, int updateContext, TopologyMetrics metrics) {
        this.rules = rules;
        this.gapMs = rules.inactivityGap().toMillis();
        this.closeAfterMs = closeAfter.toMillis();
        this.maxEvents = maxEvents;
        this.updateContext = updateContext;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SessionOutput> context) {
        this.context = context;
        users = context.getStateStore(SessionTopology.USER_SESSIONS_STORE);
        deadlines = context.getStateStore(SessionTopology.SESSION_DEADLINES_STORE);
        startedMs = context.currentSystemTimeMs();
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::writeIdleSessions);
    }

    @Override
    public void process(Record<String, CheckedClick> record) {
        String user = record.key();
        Click click = record.value().click();
        UserSessions sessions = users.get(user);
        if (sessions == null) {
            sessions = new UserSessions();
        }
        if (sessions.isLate(click.timestampMs(), gapMs)) {
            context.forward(record.withValue(SessionOutput.late(record.value().reject(RejectReason.LATE,
                    "event time " + click.timestampMs() + " is within the inactivity gap (" + gapMs
                            + " ms) of the end of user " + user + "'s session written already, "
                            + sessions.writtenUntil()))));
            return;
        }
        context.forward(record.withValue(SessionOutput.accepted(record.value())));
        long now = context.currentSystemTimeMs();
        int index = sessions.add(click, now, maxEvents);
        if (index < 0) {
            metrics.overflow();
        } else {
            Map.Entry<UserSessions.Run, Integer> run = sessions.runAround(index, gapMs);
            SessionMessages.update(run.getKey().asClicks(), run.getValue(), rules, updateContext).ifPresent(json -> {
                metrics.update();
                context.forward(record.withValue(SessionOutput.update(json)));
            });
        }
        save(user, sessions, now);
    }

    /** Writes the sessions whose clicks stopped arriving {@code closeAfter} ago; forgets users long done. */
    private void writeIdleSessions(long now) {
        List<KeyValue<Bytes, String>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = deadlines.all()) {
            while (all.hasNext()) {
                Bytes key = all.next().key;
                if (deadlineOf(key) > now) {
                    break;
                }
                due.add(KeyValue.pair(key, userOf(key)));
            }
        }
        for (KeyValue<Bytes, String> entry : due) {
            UserSessions sessions = users.get(entry.value);
            if (sessions == null || !sessions.hasPending()) {
                deadlines.delete(entry.key);
                users.delete(entry.value);
                continue;
            }
            for (UserSessions.Run run : sessions.runs(gapMs)) {
                if (closesAt(run) > now) {
                    break;
                }
                write(entry.value, sessions, run);
            }
            save(entry.value, sessions, now);
        }
    }

    private void write(String user, UserSessions sessions, UserSessions.Run run) {
        sessions.written(run);
        List<Session> cut = Sessionizer.cut(run.asClicks().stream().map(Click::event).toList(), rules);
        for (Session session : cut) {
            metrics.session();
            byte[] json = SessionMessages.finished(session, run.market(), sessions.takeOverflow());
            context.forward(new Record<>(user, SessionOutput.finished(json), session.endMs()));
        }
    }

    /** Stores the user's state and files them under the next time they need a look. */
    private void save(String user, UserSessions sessions, long now) {
        long deadline = sessions.hasPending()
                ? closesAt(sessions.runs(gapMs).get(0))
                : now + WRITTEN_MEMORY.toMillis();
        // Whole sweep intervals: a user clicking many times within one keeps the same index entry.
        long interval = SWEEP_INTERVAL.toMillis();
        deadline = Math.floorDiv(deadline + interval - 1, interval) * interval;
        if (deadline != sessions.deadline()) {
            deadlines.delete(key(sessions.deadline(), user));
            deadlines.put(key(deadline, user), PRESENT);
            sessions.deadline(deadline);
        }
        users.put(user, sessions);
    }

    /** When a run closes unless another click joins it: its clicks stopped arriving, or this processor started. */
    private long closesAt(UserSessions.Run run) {
        return Math.max(run.lastArrivalMs(), startedMs) + closeAfterMs;
    }

    private static Bytes key(long deadline, String user) {
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + userBytes.length).putLong(deadline).put(userBytes).array());
    }

    private static long deadlineOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }

    private static String userOf(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
