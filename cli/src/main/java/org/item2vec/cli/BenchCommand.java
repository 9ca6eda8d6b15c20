package org.item2vec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.item2vec.learn.corpus.CorpusFiles;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;

/**
 * {@code item2vec bench}: trains on a corpus several times and prints throughput (corpus words per second,
 * per thread and per CPU-second), wall and CPU time per run, their medians, and the process's peak memory.
 */
final class BenchCommand implements Command {
    static final String REPEAT = "--repeat";

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure training throughput (words/s) and peak memory on a corpus";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(TrainingOptions.options());
        options.add(Option.of(REPEAT, "N", "3", "training runs; medians are reported"));
        return options;
    }

    @Override
    public int run(Arguments args, PrintStream out, PrintStream err) throws Exception {
        TrainingConfig config = TrainingOptions.config(args);
        int repeat = args.integer(REPEAT, 1, 1_000);
        CorpusFiles.Loaded loaded = TrainingOptions.loadCorpus(args, config, err);
        out.printf(Locale.ROOT, "bench: %,d tokens, vocabulary %,d, dim %d, window %d, negative %d, sample %g, "
                        + "%d epochs, %d threads, %s%n",
                loaded.corpus().tokenCount(), loaded.corpus().vocabulary().size(), config.dim(), config.window(),
                config.negative(), config.sample(), config.epochs(), config.threads(),
                System.getProperty("java.vm.name") + " " + Runtime.version());
        double[] wall = new double[repeat];
        double[] cpu = new double[repeat];
        double[] wordsPerSecond = new double[repeat];
        for (int run = 0; run < repeat; run++) {
            SgnsTrainer trainer = TrainingOptions.trainer(args, config, loaded, err);
            long cpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            SgnsTrainer.Result result = trainer.train(loaded.corpus());
            wall[run] = (System.nanoTime() - wallBefore) / 1e9;
            cpu[run] = (processCpuNanos() - cpuBefore) / 1e9;
            wordsPerSecond[run] = result.status().wordsDone() / wall[run];
            out.printf(Locale.ROOT, "run %d: wall %.2f s  cpu %.2f s  %,.0f words/s  %,.0f words/s/thread  "
                            + "%,.0f words per cpu-second  loss %.4f%n",
                    run + 1, wall[run], cpu[run], wordsPerSecond[run], wordsPerSecond[run] / config.threads(),
                    result.status().wordsDone() / cpu[run], result.status().loss());
        }
        out.printf(Locale.ROOT, "median: wall %.2f s  cpu %.2f s  %,.0f words/s  (%d runs)%n",
                median(wall), median(cpu), median(wordsPerSecond), repeat);
        out.println("peak memory (resident): " + peakResidentMemory());
        return 0;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** VmHWM from /proc (Linux); otherwise the JVM's own view of heap use. */
    private static String peakResidentMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through to the heap figure.
        }
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%.0f MiB heap in use (resident size unavailable)",
                (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
    }
}
