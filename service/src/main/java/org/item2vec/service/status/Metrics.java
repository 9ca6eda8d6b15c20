package org.item2vec.service.status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A service's counters and gauges, rendered in the Prometheus text format for {@code GET /metrics}.
 * Counters are {@link LongAdder}s: processing threads bump them without contending.
 */
public final class Metrics {
    private final String prefix;
    private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

    /** @param prefix prepended to every metric name, e.g. {@code item2vec_streaming} */
    public Metrics(String prefix) {
        this.prefix = prefix;
    }

    private sealed interface Metric permits CounterMetric, GaugeMetric {
        String help();
    }

    private record CounterMetric(String help, Map<String, LongAdder> byLabel) implements Metric {
    }

    private record GaugeMetric(String help, DoubleSupplier value) implements Metric {
    }

    /** A counter without labels. */
    public LongAdder counter(String name, String help) {
        return counter(name, help, "");
    }

    /**
     * A counter with one label set, written as Prometheus labels ({@code reason="late"}); the same name with
     * different labels is one metric family.
     */
    public LongAdder counter(String name, String help, String labels) {
        Metric metric = metrics.computeIfAbsent(name, n -> new CounterMetric(help, new ConcurrentHashMap<>()));
        if (!(metric instanceof CounterMetric counter)) {
            throw new IllegalArgumentException(name + " is already registered as a gauge");
        }
        return counter.byLabel().computeIfAbsent(labels, l -> new LongAdder());
    }

    public void gauge(String name, String help, DoubleSupplier value) {
        metrics.put(name, new GaugeMetric(help, value));
    }

    /** The current value of a counter summed over its labels, or 0 when it does not exist. */
    public long total(String name) {
        return metrics.get(name) instanceof CounterMetric counter
                ? counter.byLabel().values().stream().mapToLong(LongAdder::sum).sum()
                : 0;
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder();
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = prefix + "_" + entry.getKey();
            Metric metric = entry.getValue();
            out.append("# HELP ").append(name).append(' ').append(metric.help()).append('\n');
            if (metric instanceof CounterMetric counter) {
                out.append("# TYPE ").append(name).append(" counter\n");
                counter.byLabel().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(sample -> {
                    out.append(name);
                    if (!sample.getKey().isEmpty()) {
                        out.append('{').append(sample.getKey()).append('}');
                    }
                    out.append(' ').append(sample.getValue().sum()).append('\n');
                });
            } else if (metric instanceof GaugeMetric gauge) {
                out.append("# TYPE ").append(name).append(" gauge\n");
                out.append(name).append(' ').append(format(gauge.value().getAsDouble())).append('\n');
            }
        });
        return out.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
