package org.item2vec.streaming.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.item2vec.streaming.events.Click;
import org.item2vec.trainer.sessions.EventType;
import org.item2vec.trainer.sessions.Session;
import org.item2vec.trainer.sessions.SessionRules;

/**
 * The JSON the topology writes.
 *
 * <p>A finished session on {@code sessions}:
 * {@code {"sessionId", "user", "items": [...], "booked": <item or null>, "market", "start", "end"}}
 * (times in epoch ms), plus {@code "droppedEvents"} when the session hit the per-session cap.
 *
 * <p>A session update on {@code session-updates}, one per click that adds item pairs:
 * {@code {"sessionId", "user", "item", "context": [...], "booked": bool, "market", "ts"}}: the new item and
 * the items just before it in the session, the pairs a skip-gram window would train.
 */
public final class SessionMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionMessages() {
    }

    /** A session's id: its user and its start, which together identify it across restarts. */
    public static String sessionId(String user, long startMs) {
        return user + "@" + startMs;
    }

    public static byte[] finished(Session session, String market, int droppedEvents) {
        ObjectNode json = JSON.createObjectNode();
        json.put("sessionId", sessionId(session.user(), session.startMs()));
        json.put("user", session.user());
        ArrayNode items = json.putArray("items");
        session.items().forEach(items::add);
        json.put("booked", session.booked());
        json.put("market", market);
        json.put("start", session.startMs());
        json.put("end", session.endMs());
        if (droppedEvents > 0) {
            json.put("droppedEvents", droppedEvents);
        }
        return bytes(json);
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
        ObjectNode json = JSON.createObjectNode();
        json.put("sessionId", sessionId(click.user(), session.get(0).timestampMs()));
        json.put("user", click.user());
        json.put("item", click.item());
        ArrayNode context = json.putArray("context");
        before.subList(Math.max(0, before.size() - contextSize), before.size()).forEach(context::add);
        json.put("booked", click.event().type() == EventType.BOOK);
        json.put("market", click.market() != null ? click.market() : marketOf(session));
        json.put("ts", click.timestampMs());
        return Optional.of(bytes(json));
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

    private static byte[] bytes(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON built in memory", e);
        }
    }
}
