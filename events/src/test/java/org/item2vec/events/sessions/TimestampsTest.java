package org.item2vec.events.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @Test
    void epochSecondsWithDecimals() {
        assertEquals(1396437466940L, Timestamps.parseMillis("1396437466.94"));
    }

    @Test
    void wholeEpochSeconds() {
        assertEquals(1396437466000L, Timestamps.parseMillis("1396437466"));
        assertEquals(0L, Timestamps.parseMillis("0"));
    }

    @Test
    void epochMilliseconds() {
        assertEquals(1396437466940L, Timestamps.parseMillis("1396437466940"));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(1396437466000L, Timestamps.parseMillis("  1396437466 \t"));
    }

    @Test
    void isoWithZ() {
        assertEquals(1396437466940L, Timestamps.parseMillis("2014-04-02T11:17:46.940Z"));
    }

    @Test
    void isoWithOffset() {
        // 13:17:46 at +02:00 is 11:17:46 UTC.
        assertEquals(1396437466000L, Timestamps.parseMillis("2014-04-02T13:17:46+02:00"));
        assertEquals(1396437466000L, Timestamps.parseMillis("2014-04-02T06:17:46-05:00"));
    }

    @Test
    void isoWithoutOffsetIsUtc() {
        assertEquals(1396437466000L, Timestamps.parseMillis("2014-04-02T11:17:46"));
        assertEquals(1396437466940L, Timestamps.parseMillis("2014-04-02T11:17:46.940"));
    }

    @Test
    void emptyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis(""));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseMillis("   "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-5", "-1396437466", "2024-13-45T00:00", "12abc", "1.2.3", "NaN"})
    void invalidValuesAreRejectedNamingTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseMillis(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }
}
