package org.item2vec.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The retrain's log, printed with the time since the start, and used to split the wall time and the peak memory
 * into phases. The job reports no timings of its own per phase, so each phase is recognised by the log line that
 * ends it: the last progress line of a training run, the gate's verdict, and so on. A phase whose line never
 * comes (no held-out sessions: no candidate) takes no time; if the job's wording changes, the time of a phase
 * whose line is no longer recognised goes to the phase that follows it.
 *
 * <p>Memory peaks are taken at every line, and each interval's peaks go to the phase running then (the RSS peak
 * is the process's so far, so it grows in the phase that set it); training reports its progress every few
 * seconds, so the long phases are sampled finely. The process's CPU time per phase, set against its wall time,
 * tells how many cores the phase kept busy: on a shared machine, a phase slower than its CPU time explains has
 * been waiting for a core. The collectors' time per phase tells whether the heap was too small for it.
 */
final class RetrainPhases implements Consumer<String> {

    /** The retrain's phases in the order they run, each with the log line that ends it. */
    enum Phase {
        READ("read the sessions and listings", line -> line.contains(" clicks, ") && line.contains("holding out")),
        CANDIDATE_CORPUS("candidate corpus", line -> line.startsWith("retrain: training the candidate ")),
        CANDIDATE_TRAINING("candidate training", line -> line.startsWith("retrain: candidate: ")),
        EVALUATION("held-out evaluation", line -> line.startsWith("retrain: gate ")),
        FINAL_CORPUS("final corpus", line -> line.startsWith("retrain: training the final model ")),
        FINAL_TRAINING("final training", line -> line.startsWith("retrain: final model: ")),
        PUBLISH("publish", line -> line.startsWith("retrain: published ")),
        REST("retention and return", line -> false);

        private final String label;
        private final Predicate<String> endsWith;

        Phase(String label, Predicate<String> endsWith) {
            this.label = label;
            this.endsWith = endsWith;
        }

        String label() {
            return label;
        }

        private static Phase endedBy(String line) {
            for (Phase phase : values()) {
                if (phase.endsWith.test(line)) {
                    return phase;
                }
            }
            return null;
        }
    }

    /** Wall time, the process's CPU time and the collectors' time: at a moment, or spent between two. */
    private record Clock(long wallNanos, long cpuNanos, long gcMillis) {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        static final Clock ZERO = new Clock(0, 0, 0);

        static Clock now() {
            // Concurrent collectors count time that overlaps the application's; those that do not tell (-1)
            // are left out.
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(ms -> ms > 0).sum();
            return new Clock(System.nanoTime(), OS.getProcessCpuTime(), gc);
        }

        Clock since(Clock earlier) {
            return new Clock(wallNanos - earlier.wallNanos, cpuNanos - earlier.cpuNanos, gcMillis - earlier.gcMillis);
        }

        Clock plus(Clock other) {
            return new Clock(wallNanos + other.wallNanos, cpuNanos + other.cpuNanos, gcMillis + other.gcMillis);
        }

        double seconds() {
            return wallNanos / 1e9;
        }
    }

    private final PeakMemory memory;
    private final PrintStream out;
    private final Clock start = Clock.now();
    private final Clock[] spent = new Clock[Phase.values().length];
    private final PeakMemory.Peaks[] peaks = new PeakMemory.Peaks[Phase.values().length];
    private Clock lastBoundary = start;
    private Clock end;
    private Phase running = Phase.READ;
    private Phase lastEnded;

    RetrainPhases(PeakMemory memory, PrintStream out) {
        this.memory = memory;
        this.out = out;
        Arrays.fill(spent, Clock.ZERO);
        Arrays.fill(peaks, PeakMemory.Peaks.NONE);
    }

    /** One line of the job's log: printed, and timed. */
    @Override
    public synchronized void accept(String line) {
        out.printf(Locale.ROOT, "[%7.1f s] %s%n", (System.nanoTime() - start.wallNanos()) / 1e9, line);
        Phase ended = Phase.endedBy(line);
        if (ended == null) {
            recordPeaks(running);
            return;
        }
        close(ended);
        lastEnded = ended;
        running = Phase.values()[Math.min(ended.ordinal() + 1, Phase.REST.ordinal())];
    }

    /** The job has returned, or failed: the time since the last recognised line goes to the phase running. */
    synchronized void finish() {
        close(running);
        end = lastBoundary;
    }

    /** The last phase whose ending line was seen, or null: where a failed run had got to. */
    synchronized Phase lastEnded() {
        return lastEnded;
    }

    synchronized double seconds() {
        return (end == null ? Clock.now() : end).since(start).seconds();
    }

    /** The table of phases: wall time, CPU time, collectors' time and peaks; then the whole run. */
    synchronized void print(PrintStream to) {
        to.printf("%-32s %9s %7s %9s %6s %7s %14s %18s %13s%n", "phase", "wall s", "share", "CPU s", "cores", "GC s",
                "peak heap MiB", "heap after GC MiB", "RSS peak MiB");
        double total = seconds();
        PeakMemory.Peaks overall = PeakMemory.Peaks.NONE;
        for (Phase phase : Phase.values()) {
            overall = overall.max(peaks[phase.ordinal()]);
            row(to, phase.label, spent[phase.ordinal()], total, peaks[phase.ordinal()]);
        }
        row(to, "whole retrain", (end == null ? Clock.now() : end).since(start), total, overall);
    }

    /** Ends an interval of {@code phase}: the time since the last boundary and the peaks since the last line. */
    private void close(Phase phase) {
        recordPeaks(phase);
        Clock now = Clock.now();
        spent[phase.ordinal()] = spent[phase.ordinal()].plus(now.since(lastBoundary));
        lastBoundary = now;
    }

    private void recordPeaks(Phase phase) {
        peaks[phase.ordinal()] = peaks[phase.ordinal()].max(memory.takePeaks());
    }

    private static void row(PrintStream to, String label, Clock spent, double total, PeakMemory.Peaks p) {
        double wall = spent.seconds();
        double cpu = spent.cpuNanos() / 1e9;
        to.printf(Locale.ROOT, "%-32s %9.1f %6.1f%% %9.1f %6.2f %7.1f %14s %18s %13s%n", label, wall,
                100 * wall / total, cpu, wall > 0 ? cpu / wall : 0, spent.gcMillis() / 1e3, mebibytes(p.heap()),
                afterGc(p.heapAfterGc()), mebibytes(p.rss()));
    }

    /** Nothing after GC means no collection ran in the phase. */
    private static String afterGc(long bytes) {
        return bytes == 0 ? "no GC" : mebibytes(bytes);
    }

    private static String mebibytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,d", bytes >> 20);
    }
}
