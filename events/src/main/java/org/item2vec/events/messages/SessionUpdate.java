package org.item2vec.events.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.json.JsonFields;

/**
 * A message on {@code session-updates}, one per click that adds item pairs to an open session:
 * {@code {"sessionId", "user", "item", "context": [...], "booked": bool, "market", "ts"}}, the new item and
 * the items just before it in the session, the pairs a skip-gram window would train. The streaming
 * application writes it, the live trainer reads it; a reader needs only {@code item} and {@code context}
 * (the others are absent as {@code null}, {@code false} and -1).
 */
public record SessionUpdate(String sessionId, String user, String item, List<String> context, boolean booked,
                            String market, long timestampMs) {
    public SessionUpdate {
        context = List.copyOf(context);
    }

    public byte[] toJson() {
        ObjectNode json = JsonFields.newObject();
        json.put("sessionId", sessionId);
        json.put("user", user);
        json.put("item", item);
        JsonFields.putIds(json, "context", context);
        json.put("booked", booked);
        json.put("market", market);
        json.put("ts", timestampMs);
        return JsonFields.bytes(json);
    }

    public static SessionUpdate fromJson(byte[] value) throws BadMessageException {
        JsonNode root = JsonFields.object(value);
        return new SessionUpdate(JsonFields.optionalText(root, "sessionId"), JsonFields.optionalText(root, "user"),
                JsonFields.id(root, "item"), JsonFields.ids(root, "context"), JsonFields.optionalFlag(root, "booked"),
                JsonFields.optionalText(root, "market"), JsonFields.optionalWholeNumber(root, "ts", -1));
    }
}
