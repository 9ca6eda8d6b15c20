package org.item2vec.learn.online;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.item2vec.events.sessions.Session;

/**
 * Feeds finished sessions to {@link IncrementalTraining} as the streaming topology would have sent them:
 * one update per click (the click and at most {@code contextSize} items before it), all sessions' updates
 * interleaved in click-time order, and each session's end after its last click. Lets a click log be learned
 * the live trainer's way without a broker, to measure the live model against the batch one.
 *
 * <p>A session keeps only its first and last timestamps, so its clicks are spread evenly between them.
 */
public final class SessionReplay {
    private static final String UPDATES = "session-updates";
    private static final String SESSIONS = "sessions";

    private final int contextSize;
    private final long seed;

    public SessionReplay(int contextSize, long seed) {
        if (contextSize < 1) {
            throw new IllegalArgumentException("the context of an update needs at least 1 item, got " + contextSize);
        }
        this.contextSize = contextSize;
        this.seed = seed;
    }

    /** A message of the replayed stream: an update ({@code click >= 1}) or a session's end ({@code click = -1}). */
    private record Message(long timeMs, int session, int click) {
    }

    /** Replays {@code sessions} into {@code training}; returns the messages applied. */
    public long replay(List<Session> sessions, IncrementalTraining training) {
        List<Message> messages = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            Session session = sessions.get(s);
            int clicks = session.items().size();
            for (int click = 1; click < clicks; click++) {
                messages.add(new Message(clickTime(session, click), s, click));
            }
            messages.add(new Message(session.endMs(), s, -1));
        }
        messages.sort(Comparator.comparingLong(Message::timeMs).thenComparingInt(Message::session)
                .thenComparingInt(m -> m.click() < 0 ? Integer.MAX_VALUE : m.click()));
        long updates = 0;
        long ends = 0;
        for (Message message : messages) {
            Session session = sessions.get(message.session());
            List<String> items = session.items();
            if (message.click() > 0) {
                int click = message.click();
                training.applyUpdate(items.get(click), items.subList(Math.max(0, click - contextSize), click),
                        IncrementalTraining.seedFor(seed, UPDATES, 0, updates++));
            } else {
                training.applySession(items, session.booked(), IncrementalTraining.seedFor(seed, SESSIONS, 0, ends++));
            }
        }
        return updates + ends;
    }

    private static long clickTime(Session session, int click) {
        int clicks = session.items().size();
        return session.startMs() + (session.endMs() - session.startMs()) * click / Math.max(1, clicks - 1);
    }
}
