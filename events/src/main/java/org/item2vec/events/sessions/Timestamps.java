package org.item2vec.events.sessions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the timestamps click logs carry: epoch seconds, epoch milliseconds or ISO-8601. */
public final class Timestamps {
    /** Epoch values below this are seconds (it is 1973 in milliseconds and year 5138 in seconds). */
    private static final double SECONDS_LIMIT = 1e11;

    private Timestamps() {
    }

    /**
     * Returns epoch milliseconds. Numbers below 10^11 are read as seconds (decimals allowed), larger ones as
     * milliseconds; text is read as ISO-8601, with UTC assumed when it carries no offset.
     *
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static long parseMillis(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        char first = text.charAt(0);
        if (Character.isDigit(first) || first == '-' || first == '.') {
            if (text.length() < 10 || text.charAt(4) != '-') {
                return parseEpoch(text);
            }
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notLocal) {
                    throw new IllegalArgumentException("timestamp '" + value
                            + "' is neither epoch seconds, epoch milliseconds nor ISO-8601");
                }
            }
        }
    }

    private static long parseEpoch(String text) {
        double number;
        try {
            number = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timestamp '" + text + "' is not a number");
        }
        if (!Double.isFinite(number) || number < 0) {
            throw new IllegalArgumentException("timestamp '" + text + "' is not a valid epoch time");
        }
        return number < SECONDS_LIMIT ? Math.round(number * 1000) : (long) number;
    }
}
