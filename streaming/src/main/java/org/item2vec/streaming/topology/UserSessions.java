package org.item2vec.streaming.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.item2vec.streaming.events.Click;

/**
 * One user's clicks not yet written as sessions, in event-time order, and the end of the last session written.
 *
 * <p>The clicks may span several sessions (a replayed log brings days of one user's clicks within seconds): a
 * <em>run</em> is a maximal stretch of them with no pause longer than the inactivity gap, exactly what the batch
 * {@code Sessionizer} cuts into one session. Runs are written oldest first, so that everything written lies before
 * {@link #writtenUntil()} and everything pending after it plus the gap: a click that would join or bridge a written
 * session is known to be late from this one number.
 */
final class UserSessions {
    /** {@link #writtenUntil()} of a user none of whose sessions has been written. */
    static final long NOTHING_WRITTEN = Long.MIN_VALUE;

    private final List<PendingClick> clicks;
    private long writtenUntil;
    private int overflow;
    private long deadline;

    UserSessions() {
        this(new ArrayList<>(), NOTHING_WRITTEN, 0, 0);
    }

    UserSessions(List<PendingClick> clicks, long writtenUntil, int overflow, long deadline) {
        this.clicks = clicks;
        this.writtenUntil = writtenUntil;
        this.overflow = overflow;
        this.deadline = deadline;
    }

    /** A click and the processing time it arrived at, which decides when its session closes. */
    record PendingClick(Click click, long arrivalMs) {
        long timestampMs() {
            return click.timestampMs();
        }
    }

    /** A stretch of pending clicks without a pause longer than the gap: one session to be. */
    record Run(List<PendingClick> clicks) {
        long startMs() {
            return clicks.get(0).timestampMs();
        }

        long lastArrivalMs() {
            return clicks.stream().mapToLong(PendingClick::arrivalMs).max().orElseThrow();
        }

        List<Click> asClicks() {
            return clicks.stream().map(PendingClick::click).toList();
        }

        String market() {
            return SessionMessages.marketOf(asClicks());
        }
    }

    /** Whether a click at this time would join or bridge a session already written. */
    boolean isLate(long timestampMs, long gapMs) {
        return writtenUntil != NOTHING_WRITTEN && timestampMs - writtenUntil <= gapMs;
    }

    /**
     * Inserts a click in time order, after pending clicks with the same timestamp.
     *
     * @return its index among the pending clicks, or -1 when the cap is reached and it was only counted
     */
    int add(Click click, long arrivalMs, int maxEvents) {
        if (clicks.size() >= maxEvents) {
            overflow++;
            return -1;
        }
        int position = clicks.size();
        while (position > 0 && clicks.get(position - 1).timestampMs() > click.timestampMs()) {
            position--;
        }
        clicks.add(position, new PendingClick(click, arrivalMs));
        return position;
    }

    /** The run holding the pending click at {@code index}, and the click's index within it. */
    Map.Entry<Run, Integer> runAround(int index, long gapMs) {
        int start = index;
        while (start > 0 && clicks.get(start).timestampMs() - clicks.get(start - 1).timestampMs() <= gapMs) {
            start--;
        }
        int end = index + 1;
        while (end < clicks.size() && clicks.get(end).timestampMs() - clicks.get(end - 1).timestampMs() <= gapMs) {
            end++;
        }
        return Map.entry(new Run(List.copyOf(clicks.subList(start, end))), index - start);
    }

    /** The pending clicks cut into runs, oldest first. */
    List<Run> runs(long gapMs) {
        List<Run> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= clicks.size(); i++) {
            if (i == clicks.size() || clicks.get(i).timestampMs() - clicks.get(i - 1).timestampMs() > gapMs) {
                if (i > start) {
                    runs.add(new Run(List.copyOf(clicks.subList(start, i))));
                }
                start = i;
            }
        }
        return runs;
    }

    /** Removes the oldest pending run, which is being written, and moves {@link #writtenUntil()} to its end. */
    void written(Run run) {
        clicks.subList(0, run.clicks().size()).clear();
        writtenUntil = run.clicks().get(run.clicks().size() - 1).timestampMs();
    }

    /** The clicks dropped at the cap since the last session written, which the next one reports; resets it. */
    int takeOverflow() {
        int dropped = overflow;
        overflow = 0;
        return dropped;
    }

    List<PendingClick> clicks() {
        return clicks;
    }

    boolean hasPending() {
        return !clicks.isEmpty();
    }

    long writtenUntil() {
        return writtenUntil;
    }

    int overflow() {
        return overflow;
    }

    /** When the processor looks at this user again (processing time), as indexed in the deadline store. */
    long deadline() {
        return deadline;
    }

    void deadline(long newDeadline) {
        deadline = newDeadline;
    }
}
