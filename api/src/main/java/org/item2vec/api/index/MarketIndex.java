package org.item2vec.api.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The rows of a table grouped by market (Airbnb's similar listings stay in the query's market), each group
 * with its own approximate index once it is large enough to need one, plus the group of all rows for
 * queries across markets. Searching a market's own index always finds k results of that market, which
 * filtering the hits of one global index would not. Immutable.
 */
public final class MarketIndex {
    /** Rows that one query may return, and their index when the group is large. */
    public record Group(int[] rows, AnnIndex ann) {
        public boolean indexed() {
            return ann != null;
        }
    }

    private static final Group NO_ROWS = new Group(new int[0], null);

    private final Group all;
    private final Map<String, Group> byMarket;

    private MarketIndex(Group all, Map<String, Group> byMarket) {
        this.all = all;
        this.byMarket = byMarket;
    }

    /**
     * Groups {@code size} rows by {@code marketOfRow} (null: no market, only in the group of all) and indexes
     * every group of at least {@code annThreshold} rows.
     */
    public static MarketIndex build(float[] unit, int dim, int size, IntFunction<String> marketOfRow,
                                    int annThreshold, AnnIndex.Params params, int threads) {
        Map<String, List<Integer>> rowsByMarket = new HashMap<>();
        int[] allRows = new int[size];
        for (int row = 0; row < size; row++) {
            allRows[row] = row;
            String market = marketOfRow.apply(row);
            if (market != null) {
                rowsByMarket.computeIfAbsent(market, m -> new ArrayList<>()).add(row);
            }
        }
        Map<String, Group> byMarket = new HashMap<>();
        rowsByMarket.forEach((market, rows) -> {
            int[] array = rows.stream().mapToInt(Integer::intValue).toArray();
            byMarket.put(market, group(unit, dim, array, annThreshold, params, threads));
        });
        return new MarketIndex(group(unit, dim, allRows, annThreshold, params, threads), Map.copyOf(byMarket));
    }

    private static Group group(float[] unit, int dim, int[] rows, int annThreshold, AnnIndex.Params params,
                               int threads) {
        AnnIndex ann = rows.length >= annThreshold ? AnnIndex.build(unit, dim, rows, params, threads) : null;
        return new Group(rows, ann);
    }

    /** The group of a market, all rows for {@code null}, or an empty group for a market with no rows. */
    public Group group(String market) {
        if (market == null) {
            return all;
        }
        return byMarket.getOrDefault(market, NO_ROWS);
    }

    public int markets() {
        return byMarket.size();
    }

    public boolean indexed() {
        return all.indexed() || byMarket.values().stream().anyMatch(Group::indexed);
    }
}
