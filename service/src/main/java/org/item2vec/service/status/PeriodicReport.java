package org.item2vec.service.status;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints a status line at a fixed interval with the rates of chosen counters since the previous line, so a
 * long-running service shows it is alive and how busy it is.
 */
public final class PeriodicReport implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "status-report");
        thread.setDaemon(true);
        return thread;
    });

    /** Formats one line from the counters' rates since the previous line. */
    @FunctionalInterface
    public interface Line {
        String format(Rates rates);
    }

    /** Rates of the counters between two lines. */
    public static final class Rates {
        private final long[] previous;
        private final long[] current;
        private final double seconds;

        Rates(long[] previous, long[] current, double seconds) {
            this.previous = previous;
            this.current = current;
            this.seconds = seconds;
        }

        /** Counter {@code i} per second since the previous line. */
        public double perSecond(int i) {
            return seconds <= 0 ? 0 : (current[i] - previous[i]) / seconds;
        }

        /** How much counter {@code i} grew since the previous line. */
        public long delta(int i) {
            return current[i] - previous[i];
        }

        /** Counter {@code i}'s total. */
        public long total(int i) {
            return current[i];
        }
    }

    public PeriodicReport(Duration interval, LongSupplier[] counters, Line line, Consumer<String> out) {
        long[][] previous = {read(counters)};
        long[] previousNanos = {System.nanoTime()};
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(() -> {
            long[] current = read(counters);
            long now = System.nanoTime();
            try {
                out.accept(line.format(new Rates(previous[0], current, (now - previousNanos[0]) / 1e9)));
            } catch (RuntimeException e) {
                // A failing report must not cancel the schedule (an exception would end it silently).
                out.accept("status report failed: " + e);
            }
            previous[0] = current;
            previousNanos[0] = now;
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    private static long[] read(LongSupplier[] counters) {
        long[] values = new long[counters.length];
        for (int i = 0; i < counters.length; i++) {
            values[i] = counters[i].getAsLong();
        }
        return values;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
