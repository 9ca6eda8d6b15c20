package org.item2vec.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The CPU time of this process's threads between two moments, grouped by what the threads do (a function of
 * their names), in milliseconds per second of wall time. What the process used beyond its Java threads
 * (garbage collection, the JIT compilers) is the group {@link #JVM}. Threads that ended in between are gone
 * from the JVM's list: the caller names the CPU they used, else it shows under {@link #JVM}.
 */
final class ThreadCpu {
    static final String JVM = "JVM (GC, JIT)";
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<Long, Long> threads;
    private final Map<Long, Long> allocated;
    private final long process;
    private final long wall;

    private ThreadCpu(Map<Long, Long> threads, Map<Long, Long> allocated, long process, long wall) {
        this.threads = threads;
        this.allocated = allocated;
        this.process = process;
        this.wall = wall;
    }

    static ThreadCpu now() {
        THREADS.setThreadCpuTimeEnabled(true);
        Map<Long, Long> threads = new HashMap<>();
        Map<Long, Long> allocated = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long time = THREADS.getThreadCpuTime(id);
            if (time >= 0) {
                threads.put(id, time);
                allocated.put(id, THREADS.getThreadAllocatedBytes(id));
            }
        }
        return new ThreadCpu(threads, allocated, OS.getProcessCpuTime(), System.nanoTime());
    }

    /** The current thread's CPU time, in nanoseconds. */
    static long currentThread() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The bytes the current thread has allocated on the heap so far. */
    static long currentThreadAllocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Milliseconds of CPU per second since {@code this}, by group; threads whose group is null are left out. */
    Map<String, Double> until(ThreadCpu later, Function<String, String> group) {
        return until(later, group, Map.of());
    }

    /** As {@link #until(ThreadCpu, Function)}, with the CPU nanoseconds of threads that ended, by group. */
    Map<String, Double> until(ThreadCpu later, Function<String, String> group, Map<String, Long> ended) {
        double seconds = (later.wall - wall) / 1e9;
        Map<String, Double> millis = new TreeMap<>();
        long javaThreads = 0;
        for (Map.Entry<String, Long> threads : ended.entrySet()) {
            javaThreads += threads.getValue();
            millis.merge(threads.getKey(), threads.getValue() / 1e6 / seconds, Double::sum);
        }
        for (Map.Entry<Long, Long> after : later.threads.entrySet()) {
            long used = after.getValue() - threads.getOrDefault(after.getKey(), 0L);
            javaThreads += used;
            ThreadInfo info = THREADS.getThreadInfo(after.getKey());
            String name = info == null ? null : group.apply(info.getThreadName());
            if (name != null) {
                millis.merge(name, used / 1e6 / seconds, Double::sum);
            }
        }
        millis.put(JVM, Math.max(0, later.process - process - javaThreads) / 1e6 / seconds);
        return millis;
    }

    /** Bytes allocated on the heap since {@code this}, by group; threads whose group is null are left out. */
    Map<String, Long> allocatedUntil(ThreadCpu later, Function<String, String> group) {
        Map<String, Long> bytes = new TreeMap<>();
        for (Map.Entry<Long, Long> after : later.allocated.entrySet()) {
            ThreadInfo info = THREADS.getThreadInfo(after.getKey());
            String name = info == null ? null : group.apply(info.getThreadName());
            if (name != null) {
                bytes.merge(name, after.getValue() - allocated.getOrDefault(after.getKey(), 0L), Long::sum);
            }
        }
        return bytes;
    }

    /** A thread's name without its numbers: the threads of one pool fall into one group. */
    static String pool(String threadName) {
        return threadName.replaceAll("[0-9]+", "#");
    }
}
