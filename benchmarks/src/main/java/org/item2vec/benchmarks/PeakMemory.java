package org.item2vec.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak memory of this process since the previous {@link #takePeaks()}, which starts a new interval:
 * <ul>
 *   <li>heap: the heap pools' peak occupancies added up. The pools peak at different moments (eden just before
 *       each young collection), so this is an upper bound of what the heap held at once, garbage included;
 *   <li>heap after GC: the most the heap held right after a collection, closer to the live data;
 *   <li>RSS: the kernel's high-water mark of resident memory ({@code VmHWM}) since the process started: heap,
 *       metaspace, thread stacks, JIT and native (RocksDB) allocations together. It is left alone, not restarted
 *       per interval ({@code /proc/self/clear_refs} could), so that {@code /usr/bin/time} and the like still see
 *       the true peak; the interval in which it grows is the one that set it.
 * </ul>
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Peaks of one interval, in bytes; RSS (since the start) is -1 where {@code /proc} does not tell. */
    record Peaks(long heap, long heapAfterGc, long rss) {
        static final Peaks NONE = new Peaks(0, 0, -1);

        Peaks max(Peaks other) {
            return new Peaks(Math.max(heap, other.heap), Math.max(heapAfterGc, other.heapAfterGc),
                    Math.max(rss, other.rss));
        }
    }

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong heapAfterGc = new AtomicLong();

    PeakMemory() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> collected(notification), null, null);
            }
        }
    }

    /** The heap's peaks since the previous call, or since this object was made, then starts over; the RSS peak. */
    synchronized Peaks takePeaks() {
        long heap = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            heap += pool.getPeakUsage().getUsed();
            pool.resetPeakUsage();
        }
        return new Peaks(heap, heapAfterGc.getAndSet(0), peakRss());
    }

    private void collected(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        heapAfterGc.accumulateAndGet(used, Math::max);
    }

    /** {@code VmHWM} in bytes, or -1 where there is no {@code /proc}. */
    private static long peakRss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
