package org.item2vec.streaming.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.streaming.events.Click;

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
     * The update for the click last added to {@code session}, or empty when that click adds no pair: it is
     * accidental (short dwell), repeats the previous item, is the first of its session, or the last change was
     * a merge.
     */
    public static Optional<byte[]> update(OpenSession session, long windowStart, SessionRules rules,
                                          int contextSize) {
        int latest = session.latest();
        if (latest < 0) {
            return Optional.empty();
        }
        Click click = session.clicks().get(latest);
        if (!rules.keeps(click.event())) {
            return Optional.empty();
        }
        List<String> before = new ArrayList<>();
        for (Click earlier : session.clicks().subList(0, latest)) {
            if (rules.keeps(earlier.event()) && !(rules.collapseRepeats() && isLast(before, earlier.item()))) {
                before.add(earlier.item());
            }
        }
        if (before.isEmpty() || (rules.collapseRepeats() && isLast(before, click.item()))) {
            return Optional.empty();
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("sessionId", sessionId(click.user(), windowStart));
        json.put("user", click.user());
        json.put("item", click.item());
        ArrayNode context = json.putArray("context");
        before.subList(Math.max(0, before.size() - contextSize), before.size()).forEach(context::add);
        json.put("booked", click.event().type() == EventType.BOOK);
        json.put("market", click.market() != null ? click.market() : session.market());
        json.put("ts", click.timestampMs());
        return Optional.of(bytes(json));
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
