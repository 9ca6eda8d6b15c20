package org.item2vec.streaming.events;

import java.util.Locale;

/** Why an input record went to the dead-letter topic. The code is what the record's header carries. */
public enum RejectReason {
    EMPTY("the value is empty"),
    OVERSIZED("the value is larger than the configured maximum"),
    MALFORMED_JSON("the value is not valid JSON"),
    NOT_AN_OBJECT("the JSON value is not an object"),
    MISSING_USER("there is no user id"),
    MISSING_ITEM("there is no item id"),
    ID_TOO_LONG("an id is longer than the configured maximum"),
    BAD_TIMESTAMP("the timestamp cannot be read"),
    ABSURD_TIMESTAMP("the timestamp is before the earliest allowed"),
    FUTURE_TIMESTAMP("the timestamp is further ahead of the processing clock than the allowed skew"),
    BAD_TYPE("the event type is not view, click or book"),
    BAD_FIELD("a field has the wrong type"),
    LATE("the event arrived after its user's session it belongs to was written"),
    REFUSED_BY_BROKER("the broker refused a record made from this event"),
    PROCESSING_ERROR("processing the event failed unexpectedly"),
    UNREADABLE_RECORD("an internal record made from this event could not be read back");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** The stable, machine-readable code, e.g. {@code malformed_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }
}
