package org.item2vec.learn.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.item2vec.learn.corpus.ClickLogReader;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.corpus.CorpusFiles;
import org.item2vec.learn.corpus.InputFormat;
import org.item2vec.learn.io.InputProblems;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Sessions as item indices of a vocabulary (-1 for items it does not know), each with the time it ended,
 * which session-kNN needs to sample the most recent neighbours. A sessions file has no clock: there, a
 * session's line number stands for its end time.
 */
public record TimedSessions(List<int[]> sessions, long[] endTimes, InputProblems problems) {

    public static TimedSessions read(Path path, InputFormat format, SessionRules rules, Vocabulary vocabulary)
            throws IOException {
        if (format == InputFormat.SESSIONS) {
            CorpusFiles.Loaded loaded = CorpusFiles.load(path, format, rules,
                    CorpusBuilder.DEFAULT_MAX_SESSION_LENGTH, 1);
            List<int[]> sessions = NextItemEvaluation.sessionsIn(loaded.corpus(), vocabulary);
            long[] order = new long[sessions.size()];
            for (int s = 0; s < order.length; s++) {
                order[s] = s;
            }
            return new TimedSessions(sessions, order, loaded.problems());
        }
        ClickLogReader.Result clicks = new ClickLogReader(rules).read(path);
        List<int[]> sessions = new ArrayList<>(clicks.sessions().size());
        long[] endTimes = new long[clicks.sessions().size()];
        for (Session session : clicks.sessions()) {
            endTimes[sessions.size()] = session.endMs();
            sessions.add(session.items().stream().mapToInt(vocabulary::indexOf).toArray());
        }
        return new TimedSessions(sessions, endTimes, clicks.problems());
    }
}
