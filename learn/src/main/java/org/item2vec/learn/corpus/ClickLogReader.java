package org.item2vec.learn.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;
import org.item2vec.events.sessions.Timestamps;
import org.item2vec.learn.io.InputFiles;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.io.InputProblems;

/**
 * Reads a click log: one event per row, columns {@code user-or-session, item, timestamp[, event type]},
 * separated by commas or tabs (taken from the first row), with an optional header row. Events are grouped
 * by user, then cut into sessions by {@link SessionRules}.
 *
 * <p>Malformed rows are skipped and reported in the result, never silently dropped; a log without a
 * single valid row is an error.
 */
public final class ClickLogReader {
    private final SessionRules rules;

    public ClickLogReader(SessionRules rules) {
        this.rules = rules;
    }

    /** What reading a click log produced. */
    public record Result(List<Session> sessions, long rows, InputProblems problems) {
    }

    public Result read(Path path) throws IOException {
        try (InputStream in = InputFiles.open(path)) {
            return read(in, path.toString());
        }
    }

    Result read(InputStream in, String source) throws IOException {
        Map<String, List<ClickEvent>> eventsByUser = new LinkedHashMap<>();
        InputProblems problems = new InputProblems();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String separator = null;
        long lineNumber = 0;
        long rows = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (separator == null) {
                separator = line.indexOf('\t') >= 0 ? "\t" : ",";
            }
            String[] fields = line.split(separator, -1);
            try {
                ClickEvent event = parse(fields);
                rows++;
                eventsByUser.computeIfAbsent(event.user(), user -> new ArrayList<>()).add(event);
            } catch (IllegalArgumentException e) {
                if (lineNumber == 1 && looksLikeHeader(fields)) {
                    continue;
                }
                problems.add(lineNumber, e.getMessage());
            }
        }
        if (rows == 0) {
            String why = problems.isEmpty() ? "it has no rows" : problems.summary();
            throw new InputFormatException(source + ": no valid click rows (user, item, timestamp[, type]): " + why);
        }
        List<Session> sessions = new ArrayList<>();
        for (List<ClickEvent> events : eventsByUser.values()) {
            sessions.addAll(Sessionizer.cut(events, rules));
        }
        return new Result(sessions, rows, problems);
    }

    private static ClickEvent parse(String[] fields) {
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("expected 3 or 4 columns (user, item, timestamp[, type]), found "
                    + fields.length);
        }
        String user = unquote(fields[0]);
        String item = unquote(fields[1]);
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user is empty");
        }
        if (item.isEmpty()) {
            throw new IllegalArgumentException("item is empty");
        }
        if (item.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("item '" + item + "' contains whitespace");
        }
        long timestamp = Timestamps.parseMillis(unquote(fields[2]));
        EventType type = fields.length == 4 ? EventType.parse(unquote(fields[3])) : EventType.CLICK;
        return new ClickEvent(user, item, timestamp, type);
    }

    private static boolean looksLikeHeader(String[] fields) {
        try {
            Timestamps.parseMillis(unquote(fields[Math.min(2, fields.length - 1)]));
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String unquote(String field) {
        String trimmed = field.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }
}
