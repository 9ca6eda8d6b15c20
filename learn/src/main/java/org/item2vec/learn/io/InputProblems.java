package org.item2vec.learn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of an input that were skipped, counted by reason, with the first few kept as examples, so that
 * a bad row is reported instead of silently lost or fatal to a long job.
 */
public final class InputProblems {
    private static final int EXAMPLES_KEPT = 5;

    private final Map<String, Long> countByReason = new LinkedHashMap<>();
    private final List<String> examples = new ArrayList<>();
    private long total;

    public void add(long lineNumber, String reason) {
        total++;
        countByReason.merge(reason.replaceAll("'[^']*'", "'…'"), 1L, Long::sum);
        if (examples.size() < EXAMPLES_KEPT) {
            examples.add("line " + lineNumber + ": " + reason);
        }
    }

    public long total() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** A multi-line summary: how many rows were skipped, why, and the first examples. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(total).append(total == 1 ? " row skipped" : " rows skipped");
        countByReason.forEach((reason, count) -> text.append("\n  ").append(count).append(" × ").append(reason));
        text.append("\n  first:");
        examples.forEach(example -> text.append("\n    ").append(example));
        return text.toString();
    }
}
