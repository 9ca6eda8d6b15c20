package org.item2vec.trainer.live;

import java.time.Duration;

/** A task of the poll loop that is due once per interval; a zero interval is never due. */
final class Every {
    private final long intervalNanos;
    private long last;

    /** Due first after {@code interval} from {@code startNanos}. */
    Every(Duration interval, long startNanos) {
        this.intervalNanos = interval.toNanos();
        this.last = startNanos;
    }

    /** Whether the interval has passed since it was last due; if so, it starts again from {@code nowNanos}. */
    boolean due(long nowNanos) {
        if (intervalNanos == 0 || nowNanos - last < intervalNanos) {
            return false;
        }
        last = nowNanos;
        return true;
    }
}
