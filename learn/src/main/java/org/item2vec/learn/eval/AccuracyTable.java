package org.item2vec.learn.eval;

import java.util.List;
import java.util.Locale;

/** Accuracy figures as an aligned text table, one row per scorer and protocol. */
public final class AccuracyTable {
    private AccuracyTable() {
    }

    public static String format(List<Accuracy> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int nameWidth = Math.max(6, rows.stream().mapToInt(row -> row.scorer().length()).max().orElse(0));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-9s %-" + nameWidth + "s", "protocol",
                "scorer"));
        for (int cutOff : rows.get(0).cutOffs()) {
            table.append(String.format(Locale.ROOT, " %8s %8s", "HR@" + cutOff, "MRR@" + cutOff));
        }
        table.append(String.format(Locale.ROOT, " %12s %8s%n", "predictions", "unknown"));
        for (Accuracy row : rows) {
            table.append(String.format(Locale.ROOT, "%-9s %-" + nameWidth + "s", row.protocol().label(), row.scorer()));
            for (int c = 0; c < row.cutOffs().length; c++) {
                table.append(String.format(Locale.ROOT, " %8.4f %8.4f", row.hitRates()[c], row.mrrs()[c]));
            }
            table.append(String.format(Locale.ROOT, " %12d %8d%n", row.predictions(), row.unknown()));
        }
        return table.toString();
    }
}
