package org.item2vec.streaming.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.item2vec.events.messages.FinishedSession;
import org.item2vec.events.messages.SessionUpdate;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.streaming.events.Click;

/**
 * What the topology publishes for a session: a {@link FinishedSession} when it closes, and for each click that
 * adds item pairs a {@link SessionUpdate}, whose pairs this class chooses by the session rules. The messages'
 * JSON is theirs.
 */
public final class SessionMessages {
    private SessionMessages() {
    }

    public static byte[] finished(Session session, String market, int droppedEvents) {
        return FinishedSession.of(session, market, droppedEvents).toJson();
    }

    /**
     * The update for the click at {@code latest} among the clicks of its session to be (in time order), or empty
     * when that click adds no pair: it is accidental (short dwell), repeats the previous item or is the first of its
     * session.
     */
    public static Optional<byte[]> update(List<Click> session, int latest, SessionRules rules, int contextSize) {
        Click click = session.get(latest);
        if (!rules.keeps(click.event())) {
            return Optional.empty();
        }
        List<String> before = new ArrayList<>();
        for (Click earlier : session.subList(0, latest)) {
            if (rules.keeps(earlier.event()) && !(rules.collapseRepeats() && isLast(before, earlier.item()))) {
                before.add(earlier.item());
            }
        }
        if (before.isEmpty() || (rules.collapseRepeats() && isLast(before, click.item()))) {
            return Optional.empty();
        }
        List<String> context = before.subList(Math.max(0, before.size() - contextSize), before.size());
        return Optional.of(new SessionUpdate(Session.id(click.user(), session.get(0).timestampMs()), click.user(),
                click.item(), context, click.event().type() == EventType.BOOK,
                click.market() != null ? click.market() : marketOf(session), click.timestampMs()).toJson());
    }

    /** The most frequent market among the clicks (the first seen on a tie), or {@code null}. */
    public static String marketOf(List<Click> clicks) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (Click click : clicks) {
            if (click.market() != null) {
                int count = counts.merge(click.market(), 1, Integer::sum);
                if (count > bestCount) {
                    best = click.market();
                    bestCount = count;
                }
            }
        }
        return best;
    }

    private static boolean isLast(List<String> items, String item) {
        return !items.isEmpty() && items.get(items.size() - 1).equals(item);
    }
}
