package org.item2vec.events.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.json.JsonFields;

/**
 * What a marketplace knows about a listing before anyone clicks it, as on the compacted {@code listings} topic:
 * {@code {"item", "market", "type", "price", "lat", "lon"}}. Every field but {@code item} may be {@code null}.
 */
public record Listing(String item, String market, String type, Double price, Double lat, Double lon) {
    public byte[] toJson() {
        ObjectNode json = JsonFields.newObject();
        json.put("item", item);
        json.put("market", market);
        json.put("type", type);
        json.put("price", price);
        json.put("lat", lat);
        json.put("lon", lon);
        return JsonFields.bytes(json);
    }

    public static Listing fromJson(byte[] value) throws BadMessageException {
        JsonNode root = JsonFields.object(value);
        return new Listing(JsonFields.id(root, "item"), JsonFields.optionalText(root, "market"),
                JsonFields.optionalText(root, "type"), JsonFields.optionalNumber(root, "price"),
                JsonFields.optionalNumber(root, "lat"), JsonFields.optionalNumber(root, "lon"));
    }

    /** Airbnb's price buckets, here half-octaves: prices within about ×1.4 of each other share a bucket. */
    public Integer priceBucket() {
        return price == null || price < 0 ? null : (int) Math.floor(2 * Math.log(price + 1) / Math.log(2));
    }

    public boolean hasLocation() {
        return lat != null && lon != null;
    }

    /** Great-circle distance in kilometres. */
    public double kilometresTo(Listing other) {
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(other.lat);
        double dp = p2 - p1;
        double dl = Math.toRadians(other.lon - lon);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
