package org.item2vec.learn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.item2vec.learn.corpus.InputFormat;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimedSessionsTest {
    private static final Vocabulary VOCABULARY = Vocabulary.fromCounts(Map.of("a", 3L, "b", 2L), 1);

    @TempDir
    Path dir;

    @Test
    void clickLogSessionsKeepRepeatsUnknownItemsAndTheirEndTime() throws IOException {
        Path log = dir.resolve("clicks.csv");
        Files.writeString(log, "session,item,time\ns1,a,100\ns1,a,110\ns1,zz,120\ns1,b,130\ns2,b,50\ns2,a,70\n");
        TimedSessions sessions = TimedSessions.read(log, InputFormat.CLICKS,
                SessionRules.DEFAULT.withCollapseRepeats(false), VOCABULARY);
        int a = VOCABULARY.indexOf("a");
        int b = VOCABULARY.indexOf("b");
        assertEquals(2, sessions.sessions().size());
        assertArrayEquals(new int[] {a, a, -1, b}, sessions.sessions().get(0));
        assertArrayEquals(new int[] {b, a}, sessions.sessions().get(1));
        assertArrayEquals(new long[] {130_000, 70_000}, sessions.endTimes());
    }

    @Test
    void aSessionsFileOrdersSessionsByLine() throws IOException {
        Path text = dir.resolve("sessions.txt");
        Files.writeString(text, "a b\nb zz a\n");
        TimedSessions sessions = TimedSessions.read(text, InputFormat.SESSIONS, SessionRules.DEFAULT, VOCABULARY);
        assertArrayEquals(new int[] {VOCABULARY.indexOf("b"), -1, VOCABULARY.indexOf("a")}, sessions.sessions().get(1));
        assertArrayEquals(new long[] {0, 1}, sessions.endTimes());
    }
}
