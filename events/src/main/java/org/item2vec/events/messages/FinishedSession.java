package org.item2vec.events.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.json.JsonFields;
import org.item2vec.events.sessions.Session;

/**
 * A message on {@code sessions}:
 * {@code {"sessionId", "user", "items": [...], "booked": <item or null>, "market", "start", "end"}} (times in
 * epoch ms), plus {@code "droppedEvents"} when the session hit the per-session cap. The streaming application
 * writes it, the live trainer and the retrain read it; a reader needs only {@code items} (the others are
 * absent as {@code null}, -1 and 0).
 */
public record FinishedSession(String sessionId, String user, List<String> items, String booked, String market,
                              long startMs, long endMs, int droppedEvents) {
    public FinishedSession {
        items = List.copyOf(items);
    }

    /** The message for {@code session} in {@code market} ({@code null} when unknown). */
    public static FinishedSession of(Session session, String market, int droppedEvents) {
        return new FinishedSession(Session.id(session.user(), session.startMs()), session.user(), session.items(),
                session.booked(), market, session.startMs(), session.endMs(), droppedEvents);
    }

    public byte[] toJson() {
        ObjectNode json = JsonFields.newObject();
        json.put("sessionId", sessionId);
        json.put("user", user);
        JsonFields.putIds(json, "items", items);
        json.put("booked", booked);
        json.put("market", market);
        json.put("start", startMs);
        json.put("end", endMs);
        if (droppedEvents > 0) {
            json.put("droppedEvents", droppedEvents);
        }
        return JsonFields.bytes(json);
    }

    public static FinishedSession fromJson(byte[] value) throws BadMessageException {
        JsonNode root = JsonFields.object(value);
        return new FinishedSession(JsonFields.optionalText(root, "sessionId"), JsonFields.optionalText(root, "user"),
                JsonFields.ids(root, "items"), JsonFields.optionalText(root, "booked"),
                JsonFields.optionalText(root, "market"), JsonFields.optionalWholeNumber(root, "start", -1),
                JsonFields.optionalWholeNumber(root, "end", -1),
                (int) JsonFields.optionalWholeNumber(root, "droppedEvents", 0));
    }
}
