package org.item2vec.trainer.retrain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A five-field cron schedule, {@code minute hour day-of-month month day-of-week}, with the usual
 * Vixie cron extensions: lists, ranges, steps, month and day names and {@code @daily}-style macros.
 *
 * <p>Times are matched against the wall clock of the zone of the time given to {@link #next}, so
 * {@code 0 3 * * *} stays at 03:00 local time across DST changes. A wall-clock time that does not
 * exist on a given day (spring-forward gap) is skipped rather than shifted, and one that occurs
 * twice (fall-back overlap) fires once.
 */
public final class CronSchedule {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final Field MINUTE = new Field("minute", 0, 59, List.of());
    private static final Field HOUR = new Field("hour", 0, 23, List.of());
    private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of());
    private static final Field MONTH = new Field("month", 1, 12, List.of(
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
    private static final Field DAY_OF_WEEK = new Field("day-of-week", 0, 7, List.of(
            "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));
    /** The Gregorian calendar repeats every 400 years, so a schedule silent that long never fires. */
    private static final int SEARCH_YEARS = 400;

    /** A field's name for messages, its value range, and its names in value order from min. */
    private record Field(String name, int min, int max, List<String> names) {}

    private final String expression;
    // Bit v of a mask is set when value v is allowed; day-of-week uses 0-6 with Sunday as 0.
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    /** Vixie cron: when both day fields are restricted a day matching either one fires. */
    private final boolean eitherDay;

    private CronSchedule(String expression) {
        this.expression = expression;
        String trimmed = expression.trim();
        String text = trimmed.startsWith("@") ? MACROS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (text == null) {
            throw fail("unknown macro '" + trimmed
                    + "', expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly");
        }
        String[] fields = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (fields.length != 5) {
            throw fail("expected 5 fields (minute hour day-of-month month day-of-week), found "
                    + fields.length);
        }
        minutes = parseField(fields[0], MINUTE);
        hours = parseField(fields[1], HOUR);
        daysOfMonth = parseField(fields[2], DAY_OF_MONTH);
        months = parseField(fields[3], MONTH);
        long week = parseField(fields[4], DAY_OF_WEEK);
        daysOfWeek = (week | week >>> 7) & 0x7F; // 7 is Sunday too
        // Like Vixie cron, a field counts as unrestricted when it starts with '*', so */2 is too.
        eitherDay = !fields[2].startsWith("*") && !fields[4].startsWith("*");
        // Vixie cron accepts "0 0 30 2 *" and then never runs it; a retrain that silently never
        // happens is worse than a configuration error.
        if (!eitherDay && !someMonthHasAllowedDay()) {
            throw fail("never fires, no allowed month has any of the allowed days of the month");
        }
    }

    public static CronSchedule parse(String expression) {
        return new CronSchedule(Objects.requireNonNull(expression, "expression"));
    }

    /** The first matching time strictly after {@code after} (to the minute), in its zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        // Searching local time keeps the skips simple; the zone only matters for the final match.
        LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int lastYear = t.getYear() + SEARCH_YEARS;
        while (t.getYear() <= lastYear) {
            if (!allows(months, t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!allows(hours, t.getHour())) {
                int hour = nextAllowed(hours, t.getHour());
                t = hour < 0 ? t.toLocalDate().plusDays(1).atStartOfDay() : t.with(LocalTime.of(hour, 0));
            } else if (!allows(minutes, t.getMinute())) {
                int minute = nextAllowed(minutes, t.getMinute());
                t = minute < 0 ? t.truncatedTo(ChronoUnit.HOURS).plusHours(1) : t.withMinute(minute);
            } else {
                // Preferring after's offset picks the later occurrence of an overlap hour only when
                // after is already in it, which keeps the result strictly after after.
                ZonedDateTime fire = ZonedDateTime.ofLocal(t, after.getZone(), after.getOffset());
                if (fire.toLocalDateTime().equals(t)) {
                    return fire;
                }
                t = t.plusMinutes(1); // t lies in a DST gap: it does not exist that day
            }
        }
        throw fail("never fires within " + SEARCH_YEARS + " years after " + after);
    }

    @Override
    public String toString() {
        return expression;
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = allows(daysOfMonth, date.getDayOfMonth());
        boolean dow = allows(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDay ? dom || dow : dom && dow;
    }

    private boolean someMonthHasAllowedDay() {
        for (Month month : Month.values()) {
            long daysInMonth = (1L << (month.maxLength() + 1)) - 2; // bits 1..maxLength
            if (allows(months, month.getValue()) && (daysOfMonth & daysInMonth) != 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(long mask, int value) {
        return (mask & 1L << value) != 0;
    }

    /** The smallest allowed value above {@code value}, or -1 when there is none. */
    private static int nextAllowed(long mask, int value) {
        long above = mask & -1L << (value + 1);
        return above == 0 ? -1 : Long.numberOfTrailingZeros(above);
    }

    private long parseField(String text, Field field) {
        long mask = 0;
        for (String part : text.split(",", -1)) {
            mask |= parsePart(part, field);
        }
        return mask;
    }

    /** One list element: {@code *}, {@code a} or {@code a-b}, optionally followed by {@code /step}. */
    private long parsePart(String part, Field field) {
        String[] rangeAndStep = part.split("/", -1);
        if (rangeAndStep.length > 2) {
            throw fail(field.name() + " part '" + part + "' has more than one '/'");
        }
        String range = rangeAndStep[0];
        boolean stepped = rangeAndStep.length == 2;
        int step = stepped ? number(rangeAndStep[1], field, "step") : 1;
        if (step == 0) {
            throw fail(field.name() + " step in '" + part + "' must be at least 1");
        }
        int low = field.min();
        int high = field.max();
        if (!range.equals("*")) {
            int dash = range.indexOf('-');
            low = value(dash < 0 ? range : range.substring(0, dash), field);
            // "a/n" means from a to the end of the field's range, as in Vixie cron.
            high = dash >= 0 ? value(range.substring(dash + 1), field) : stepped ? field.max() : low;
            if (low > high) {
                throw fail(field.name() + " range '" + range + "' runs backwards");
            }
        }
        long mask = 0;
        for (long v = low; v <= high; v += step) { // long: a huge step must not wrap around
            mask |= 1L << v;
        }
        return mask;
    }

    private int value(String text, Field field) {
        int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
        int value = index >= 0 ? field.min() + index : number(text, field, "value");
        if (value < field.min() || value > field.max()) {
            throw fail(field.name() + " value " + text + " is outside " + field.min() + "-" + field.max());
        }
        return value;
    }

    private int number(String text, Field field, String what) {
        if (!text.matches("\\d+")) {
            throw fail(field.name() + " " + what + " '" + text + "' is not a number"
                    + (field.names().isEmpty() || what.equals("step") ? "" : " or name"));
        }
        // Longer numbers would overflow parseInt; as values they are out of range anyway.
        return text.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(text);
    }

    private IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException("cron expression '" + expression + "': " + problem);
    }
}
