package org.item2vec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime utc(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneOffset.UTC);
    }

    /** A Berlin wall-clock time at a given offset, to tell the two passes of a fall-back hour apart. */
    private static ZonedDateTime berlin(String localDateTime, int offsetHours) {
        return ZonedDateTime.ofStrict(LocalDateTime.parse(localDateTime), ZoneOffset.ofHours(offsetHours), BERLIN);
    }

    private static void assertNext(String expression, String after, String expected) {
        assertEquals(utc(expected), CronSchedule.parse(expression).next(utc(after)),
                expression + " after " + after);
    }

    @Test
    void nightlyFiresAtTheNextThreeOClock() {
        assertNext("0 3 * * *", "2026-11-21T10:15", "2026-11-22T03:00");
        assertNext("0 3 * * *", "2026-11-21T02:59", "2026-11-21T03:00");
        assertNext("0 3 * * *", "2026-11-21T02:59:59.999", "2026-11-21T03:00");
    }

    @Test
    void nextIsStrictlyAfterTheGivenMinute() {
        assertNext("0 3 * * *", "2026-11-21T03:00", "2026-11-22T03:00");
        assertNext("0 3 * * *", "2026-11-21T03:00:30", "2026-11-22T03:00");
        assertNext("* * * * *", "2026-11-21T03:00:30", "2026-11-21T03:01");
    }

    @Test
    void steps() {
        assertNext("*/15 * * * *", "2026-11-21T10:15", "2026-11-21T10:30");
        assertNext("*/15 * * * *", "2026-11-21T10:59", "2026-11-21T11:00");
        assertNext("*/15 * * * *", "2026-11-21T23:50", "2026-11-22T00:00");
        assertNext("10/20 * * * *", "2026-11-21T10:50", "2026-11-21T11:10");
        assertNext("0 9-17/4 * * *", "2026-11-21T09:00", "2026-11-21T13:00");
        assertNext("0 9-17/4 * * *", "2026-11-21T17:00", "2026-11-22T09:00");
    }

    @Test
    void rangesAndLists() {
        assertNext("5,50 1,22 * * *", "2026-11-21T01:05", "2026-11-21T01:50");
        assertNext("5,50 1,22 * * *", "2026-11-21T01:50", "2026-11-21T22:05");
        assertNext("5,50 1,22 * * *", "2026-11-21T22:50", "2026-11-22T01:05");
        // 2026-11-20 is a Friday
        assertNext("0 9-17 * * 1-5", "2026-11-20T17:30", "2026-11-23T09:00");
        assertNext("0 0 * * 1,3-4", "2026-11-23T00:00", "2026-11-25T00:00");
    }

    @Test
    void monthAndDayNamesInAnyCase() {
        // 2027-07-04 is the first Sunday of July 2027
        assertNext("0 12 * jul SUN", "2026-11-21T10:15", "2027-07-04T12:00");
        assertNext("0 0 1 Dec *", "2026-11-21T10:15", "2026-12-01T00:00");
        assertNext("0 9 * * Mon-fri", "2026-11-20T10:00", "2026-11-23T09:00");
        assertNext("0 0 * jan-MAR/2 *", "2027-01-31T00:00", "2027-03-01T00:00");
    }

    @Test
    void sevenIsSundayToo() {
        // 2026-11-21 is a Saturday
        assertNext("0 0 * * 7", "2026-11-21T10:15", "2026-11-22T00:00");
        assertNext("0 0 * * 0", "2026-11-21T10:15", "2026-11-22T00:00");
        assertNext("0 0 * * 5-7", "2026-11-22T00:00", "2026-11-27T00:00");
    }

    @Test
    void macros() {
        assertNext("@daily", "2026-11-21T10:15", "2026-11-22T00:00");
        assertNext("@midnight", "2026-11-21T10:15", "2026-11-22T00:00");
        assertNext("@hourly", "2026-11-21T10:15", "2026-11-21T11:00");
        assertNext("@weekly", "2026-11-21T10:15", "2026-11-22T00:00");
        assertNext("@monthly", "2026-11-21T10:15", "2026-12-01T00:00");
        assertNext("@yearly", "2026-11-21T10:15", "2027-01-01T00:00");
        assertNext("@annually", "2026-11-21T10:15", "2027-01-01T00:00");
        assertNext(" @DAILY ", "2026-11-21T10:15", "2026-11-22T00:00");
    }

    @Test
    void toStringIsTheOriginalExpression() {
        assertEquals("@daily", CronSchedule.parse("@daily").toString());
        assertEquals("0 3 * * MON-FRI", CronSchedule.parse("0 3 * * MON-FRI").toString());
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // 2026-11-06 and 2026-11-20 are Fridays; 2026-11-13 is Friday the 13th; 2026-12-13 is a Sunday
        assertNext("0 0 13 * FRI", "2026-11-01T00:00", "2026-11-06T00:00");
        assertNext("0 0 13 * FRI", "2026-11-06T00:00", "2026-11-13T00:00");
        assertNext("0 0 13 * FRI", "2026-11-13T00:00", "2026-11-20T00:00");
        assertNext("0 0 13 * FRI", "2026-12-11T00:00", "2026-12-13T00:00");
        // 2027-02-01 is a Monday: with the OR rule February's lack of a 30th does not matter
        assertNext("0 0 30 2 MON", "2026-11-21T10:15", "2027-02-01T00:00");
    }

    @Test
    void anUnrestrictedDayFieldMeansBothMustMatch() {
        assertNext("0 0 13 * *", "2026-11-14T00:00", "2026-12-13T00:00");
        assertNext("0 0 * * FRI", "2026-11-14T00:00", "2026-11-20T00:00");
        // As in Vixie cron a field starting with '*' counts as unrestricted: the 13th AND a Sunday
        assertNext("0 0 13 * */7", "2026-11-01T00:00", "2026-12-13T00:00");
    }

    @Test
    void monthAndYearRollover() {
        assertNext("0 0 31 * *", "2026-11-05T00:00", "2026-12-31T00:00");
        assertNext("0 0 31 * *", "2026-12-31T00:00", "2027-01-31T00:00");
        assertNext("0 0 31 * *", "2027-01-31T00:00", "2027-03-31T00:00");
        assertNext("59 23 31 12 *", "2026-12-31T23:59", "2027-12-31T23:59");
        assertNext("0 0 * * *", "2026-12-31T23:59", "2027-01-01T00:00");
    }

    @Test
    void leapDay() {
        assertNext("0 0 29 2 *", "2026-01-01T00:00", "2028-02-29T00:00");
        assertNext("0 0 29 2 *", "2028-02-29T00:00", "2032-02-29T00:00");
        assertNext("0 0 29 2 *", "2096-03-01T00:00", "2104-02-29T00:00"); // 2100 is no leap year
    }

    @Test
    void keepsTheWallClockOfTheGivenZone() {
        ZonedDateTime after = ZonedDateTime.of(2026, 11, 21, 10, 15, 0, 0, BERLIN);
        assertEquals(ZonedDateTime.of(2026, 11, 22, 3, 0, 0, 0, BERLIN),
                CronSchedule.parse("0 3 * * *").next(after));
    }

    @Test
    void skipsATimeInTheSpringForwardGap() {
        // On 2026-03-29 Berlin clocks jump from 02:00 to 03:00, so 02:30 does not exist that day
        CronSchedule schedule = CronSchedule.parse("30 2 * * *");
        ZonedDateTime after = ZonedDateTime.of(2026, 3, 28, 12, 0, 0, 0, BERLIN);
        ZonedDateTime next = schedule.next(after);
        assertEquals(ZonedDateTime.of(2026, 3, 30, 2, 30, 0, 0, BERLIN), next);
        assertEquals(ZoneOffset.ofHours(2), next.getOffset());
        assertEquals(ZonedDateTime.of(2026, 3, 29, 3, 0, 0, 0, BERLIN),
                CronSchedule.parse("*/30 * * * *").next(ZonedDateTime.of(2026, 3, 29, 1, 45, 0, 0, BERLIN)));
    }

    @Test
    void firesOnceInTheFallBackOverlap() {
        // On 2026-10-25 Berlin clocks go back from 03:00 to 02:00, so 02:00-02:59 happens twice
        CronSchedule schedule = CronSchedule.parse("30 2 * * *");
        ZonedDateTime first = schedule.next(ZonedDateTime.of(2026, 10, 25, 0, 0, 0, 0, BERLIN));
        assertEquals(berlin("2026-10-25T02:30", 2), first);
        assertEquals(berlin("2026-10-26T02:30", 1), schedule.next(first));
        // Already in the second 02:xx hour: the next time is still strictly later
        assertEquals(berlin("2026-10-25T02:15", 1),
                CronSchedule.parse("*/15 * * * *").next(berlin("2026-10-25T02:10", 1)));
    }

    @Test
    void messagesNameTheFieldAndTheBadPart() {
        assertEquals("cron expression '61 * * * *': minute value 61 is outside 0-59",
                parseError("61 * * * *"));
        assertEquals("cron expression 'x': "
                + "expected 5 fields (minute hour day-of-month month day-of-week), found 1", parseError("x"));
        assertEquals("cron expression '*/0 * * * *': minute step in '*/0' must be at least 1",
                parseError("*/0 * * * *"));
        assertEquals("cron expression '0 0 * FOO *': month value 'FOO' is not a number or name",
                parseError("0 0 * FOO *"));
        assertEquals("cron expression '0 20-10 * * *': hour range '20-10' runs backwards",
                parseError("0 20-10 * * *"));
        assertTrue(parseError("0 0 30 2 *").contains("never fires"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // wrong field count
        "", "   ", "x", "0 3 * *", "0 3 * * * *", "@fortnightly",
        // out of range
        "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 0 *", "* * * 13 *", "* * * * 8",
        "99999999999 * * * *", "1-99999999999 * * * *",
        // bad step
        "*/0 * * * *", "1-5/0 * * * *", "*/x * * * *", "*/-1 * * * *", "*/ * * * *", "1/2/3 * * * *",
        // garbage
        "a * * * *", "-5 * * * *", "5- * * * *", "1,,2 * * * *", "1, * * * *", "** * * * *",
        "1-2-3 * * * *", "0 0 * FOO *", "0 0 * * FRIDAY", "0 0 * * MON-FOO", "0 0 * JAN *x", "+1 * * * *",
        "\u0661 * * * *",
        // reversed range
        "30-10 * * * *", "0 0 * DEC-JAN *", "0 0 * * FRI-MON",
        // impossible date
        "0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 30-31 FEB *",
    })
    void badInputThrowsIllegalArgumentExceptionNamingTheExpression(String expression) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression));
        assertEquals(IllegalArgumentException.class, e.getClass(), "not a NumberFormatException");
        assertTrue(e.getMessage().startsWith("cron expression '" + expression + "': "), e.getMessage());
    }

    @Test
    void largeStepsAndValidEdgeValuesParse() {
        assertNext("0 0 */99999999999 * *", "2026-11-21T10:15", "2026-12-01T00:00");
        assertNext("59 23 * * 7", "2026-11-21T10:15", "2026-11-22T23:59");
        assertNext("0 0 31 1-4 *", "2027-01-31T00:00", "2027-03-31T00:00");
    }

    private static String parseError(String expression) {
        return assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression)).getMessage();
    }
}
