package org.item2vec.learn.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.io.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClickLogReaderTest {
    /** 2014-04-02T11:17:46Z in epoch seconds. */
    private static final long T0 = 1396437466L;

    @TempDir
    Path dir;

    private static ClickLogReader.Result read(String text) throws IOException {
        return new ClickLogReader(SessionRules.DEFAULT)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "clicks.csv");
    }

    private static List<List<String>> items(ClickLogReader.Result result) {
        return result.sessions().stream().map(Session::items).toList();
    }

    @Test
    void headerRowIsDetectedAndSkipped() throws IOException {
        ClickLogReader.Result result = read("user,item,timestamp,type\n"
                + "u1,a," + T0 + ",view\n"
                + "u1,b," + (T0 + 60) + ",click\n");
        assertEquals(List.of(List.of("a", "b")), items(result));
        assertEquals(2, result.rows());
        assertTrue(result.problems().isEmpty(), result.problems().summary());
    }

    @Test
    void withoutHeaderTheFirstRowIsData() throws IOException {
        ClickLogReader.Result result = read("u1,a," + T0 + "\nu1,b," + (T0 + 60) + "\n");
        assertEquals(List.of(List.of("a", "b")), items(result));
        assertEquals(2, result.rows());
        assertTrue(result.problems().isEmpty());
    }

    @Test
    void tabSeparatedWithHeader() throws IOException {
        ClickLogReader.Result result = read("session\titem\tts\n"
                + "s1\ta\t2014-04-02T11:17:46Z\n"
                + "s1\tb\t2014-04-02T11:18:46Z\n"
                + "s1\tc\t2014-04-02T11:19:46Z\n");
        assertEquals(List.of(List.of("a", "b", "c")), items(result));
        assertEquals(3, result.rows());
    }

    @Test
    void quotedFieldsAndSpacesAreTrimmed() throws IOException {
        ClickLogReader.Result result = read("\"u1\", \"a\" ,\"" + T0 + "\"\nu1 , b , " + (T0 + 1) + " \n");
        assertEquals(List.of(List.of("a", "b")), items(result));
    }

    @Test
    void rowsAreGroupedByUserEvenWhenInterleaved() throws IOException {
        ClickLogReader.Result result = read(
                "u1,a," + T0 + "\n"
                + "u2,x," + (T0 + 1) + "\n"
                + "u1,b," + (T0 + 2) + "\n"
                + "u2,y," + (T0 + 3) + "\n"
                + "u1,c," + (T0 + 4) + "\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x", "y")), items(result));
        assertEquals("u1", result.sessions().get(0).user());
        assertEquals("u2", result.sessions().get(1).user());
        assertEquals(5, result.rows());
    }

    @Test
    void rowsOfOneUserOutOfOrderAreSorted() throws IOException {
        ClickLogReader.Result result = read("u1,c," + (T0 + 20) + "\nu1,a," + T0 + "\nu1,b," + (T0 + 10) + "\n");
        assertEquals(List.of(List.of("a", "b", "c")), items(result));
        assertEquals(T0 * 1000, result.sessions().get(0).startMs());
    }

    @Test
    void sessionIsCutByTheThirtyMinuteGap() throws IOException {
        ClickLogReader.Result result = read(
                "u1,a," + T0 + "\n"
                + "u1,b," + (T0 + 60) + "\n"
                + "u1,c," + (T0 + 60 + 30 * 60) + "\n"          // exactly 30 min: same session
                + "u1,d," + (T0 + 60 + 60 * 60 + 1) + "\n"      // 30 min + 1 s: new session
                + "u1,e," + (T0 + 60 + 61 * 60) + "\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), items(result));
    }

    @Test
    void bookEventMarksTheSession() throws IOException {
        ClickLogReader.Result result = read(
                "u1,a," + T0 + ",view\n"
                + "u1,b," + (T0 + 1) + ",click\n"
                + "u1,c," + (T0 + 2) + ",BOOK\n"
                + "u2,x," + (T0 + 1) + "\n"
                + "u2,y," + (T0 + 2) + ",\n");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x", "y")), items(result));
        assertEquals("c", result.sessions().get(0).booked());
        assertNull(result.sessions().get(1).booked());
    }

    @Test
    void malformedRowsAreSkippedAndCountedWithLineNumbers() throws IOException {
        ClickLogReader.Result result = read("user,item,timestamp,type\n"   // 1: header
                + "u1,a," + T0 + "\n"                                     // 2
                + "u1,b\n"                                                // 3: too few columns
                + "u1,b," + T0 + ",view,extra\n"                          // 4: too many columns
                + "u1,," + T0 + "\n"                                      // 5: empty item
                + "u1,c,yesterday\n"                                      // 6: bad timestamp
                + "u1,d," + T0 + ",cart\n"                                // 7: unknown type
                + "u1,e f," + T0 + "\n"                                   // 8: whitespace in item
                + ",g," + T0 + "\n"                                       // 9: empty user
                + "u1,h," + (T0 + 5) + "\n");                             // 10
        assertEquals(List.of(List.of("a", "h")), items(result));
        assertEquals(2, result.rows());
        assertEquals(7, result.problems().total());
        String summary = result.problems().summary();
        assertTrue(summary.startsWith("7 rows skipped"), summary);
        assertTrue(summary.contains("1 × expected 3 or 4 columns (user, item, timestamp[, type]), found 2"), summary);
        assertTrue(summary.contains("1 × expected 3 or 4 columns (user, item, timestamp[, type]), found 5"), summary);
        for (int line : new int[] {3, 4, 5, 6, 7}) {
            assertTrue(summary.contains("line " + line + ": "), "line " + line + " in " + summary);
        }
        assertTrue(summary.contains("item is empty"), summary);
        assertTrue(summary.contains("yesterday"), summary);
        assertTrue(summary.contains("cart"), summary);
        // only the first five rows are kept as examples; the rest are counted by reason
        assertTrue(summary.contains("1 × item '…' contains whitespace"), summary);
        assertTrue(summary.contains("1 × user is empty"), summary);
        assertTrue(!summary.contains("line 8:") && !summary.contains("line 9:"), summary);
    }

    @Test
    void malformedFirstRowWithValidTimestampIsAProblemNotAHeader() throws IOException {
        ClickLogReader.Result result = read("u1,," + T0 + "\nu1,a," + T0 + "\nu1,b," + (T0 + 1) + "\n");
        assertEquals(1, result.problems().total());
        assertTrue(result.problems().summary().contains("line 1: item is empty"), result.problems().summary());
    }

    @Test
    void aHeaderOnlyAfterTheFirstLineIsAProblem() throws IOException {
        ClickLogReader.Result result = read("u1,a," + T0 + "\nuser,item,timestamp\nu1,b," + (T0 + 1) + "\n");
        assertEquals(1, result.problems().total());
        assertTrue(result.problems().summary().contains("line 2:"), result.problems().summary());
    }

    @Test
    void blankLinesAreIgnored() throws IOException {
        ClickLogReader.Result result = read("u1,a," + T0 + "\n\n   \nu1,b," + (T0 + 1) + "\n");
        assertEquals(List.of(List.of("a", "b")), items(result));
        assertTrue(result.problems().isEmpty());
    }

    @Test
    void logWithoutValidRowsFails() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> read("user,item,timestamp\nu1,b\nu1,,123\n"));
        assertTrue(e.getMessage().contains("clicks.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("no valid click rows"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void headerOnlyFails() {
        assertThrows(InputFormatException.class, () -> read("user,item,timestamp\n"));
    }

    @Test
    void emptyInputFails() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(""));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
    }

    @Test
    void emptyFileFails() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "");
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> new ClickLogReader(SessionRules.DEFAULT).read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void readsAGzipFile() throws IOException {
        Path file = dir.resolve("clicks.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(("u1,a," + T0 + "\nu1,b," + (T0 + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ClickLogReader.Result result = new ClickLogReader(SessionRules.DEFAULT).read(file);
        assertEquals(List.of(List.of("a", "b")), items(result));
    }

    @Test
    void rulesArePassedToTheSessionizer() throws IOException {
        ClickLogReader reader = new ClickLogReader(SessionRules.DEFAULT.withMinLength(3));
        ClickLogReader.Result result = reader.read(new ByteArrayInputStream(
                ("u1,a," + T0 + "\nu1,b," + (T0 + 1) + "\nu2,x," + T0 + "\nu2,y," + (T0 + 1) + "\nu2,z,"
                        + (T0 + 2) + "\n").getBytes(StandardCharsets.UTF_8)), "t");
        assertEquals(List.of(List.of("x", "y", "z")), items(result));
        assertEquals(5, result.rows());
    }
}
