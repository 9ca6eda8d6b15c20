package org.item2vec.events.messages;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.item2vec.events.json.BadMessageException;

/** What the message tests share: JSON written with single quotes for readability, and the refusal check. */
final class Messages {
    private Messages() {
    }

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    interface Reader {
        Object read(byte[] value) throws BadMessageException;
    }

    /** {@code reader} refuses {@code singleQuoted} with a reason that names {@code reason}. */
    static void assertRefused(Reader reader, String singleQuoted, String reason) {
        byte[] value = singleQuoted.isEmpty() ? new byte[0] : json(singleQuoted);
        BadMessageException e = assertThrows(BadMessageException.class, () -> reader.read(value));
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should say " + reason);
    }
}
