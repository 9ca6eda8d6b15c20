package org.item2vec.api.model;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * How fast a count grows, per second, over a sliding window of samples: the live trainer's applied messages,
 * sampled at every refresh of the registry. The newest sample from before the window is kept as its start, so
 * that samples further apart than the window still give a rate. A count that falls (another store was put in
 * place) starts afresh. Thread-safe.
 */
final class MessageRate {
    private record Sample(long nanos, long count) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    MessageRate(Duration window) {
        this.windowNanos = window.toNanos();
    }

    synchronized void record(long nanos, long count) {
        if (!samples.isEmpty() && count < samples.peekLast().count()) {
            samples.clear();
        }
        samples.addLast(new Sample(nanos, count));
        while (samples.size() > 1 && nanos - second().nanos() >= windowNanos) {
            samples.removeFirst();
        }
    }

    private Sample second() {
        Iterator<Sample> iterator = samples.iterator();
        iterator.next();
        return iterator.next();
    }

    /** The growth per second from the window's start to its newest sample; 0 before two samples. */
    synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long nanos = last.nanos() - first.nanos();
        return nanos <= 0 ? 0 : (last.count() - first.count()) * 1e9 / nanos;
    }
}
