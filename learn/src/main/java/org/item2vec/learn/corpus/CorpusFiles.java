package org.item2vec.learn.corpus;

import java.io.IOException;
import java.nio.file.Path;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.learn.io.InputProblems;

/** Reads a corpus file of either {@link InputFormat} into a {@link Corpus}. */
public final class CorpusFiles {
    private CorpusFiles() {
    }

    /** A corpus and what reading it skipped (click logs only; session files fail on the first bad line). */
    public record Loaded(Corpus corpus, long rowsRead, InputProblems problems) {
    }

    public static Loaded load(Path path, InputFormat format, SessionRules rules, int maxSessionLength,
                              long minCount) throws IOException {
        CorpusBuilder builder = new CorpusBuilder(maxSessionLength);
        if (format == InputFormat.SESSIONS) {
            TextSessionReader.read(path, builder);
            return new Loaded(builder.build(minCount), builder.tokensAdded(), new InputProblems());
        }
        ClickLogReader.Result clicks = new ClickLogReader(rules).read(path);
        for (Session session : clicks.sessions()) {
            builder.addSession(session.items(), session.booked());
        }
        return new Loaded(builder.build(minCount), clicks.rows(), clicks.problems());
    }
}
