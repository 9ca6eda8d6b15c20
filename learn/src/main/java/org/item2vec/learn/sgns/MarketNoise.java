package org.item2vec.learn.sgns;

import java.util.ArrayList;
import java.util.List;

/**
 * Airbnb's market-aware negatives: noise drawn from the same market as the input item, so that the model
 * learns to tell apart items within a market and not only across markets (KDD 2018, section 3.1).
 */
public final class MarketNoise {
    public static final int NO_MARKET = -1;

    private final int[] marketOfItem;
    private final NoiseDistribution[] noiseByMarket;

    private MarketNoise(int[] marketOfItem, NoiseDistribution[] noiseByMarket) {
        this.marketOfItem = marketOfItem;
        this.noiseByMarket = noiseByMarket;
    }

    /**
     * @param marketOfItem market index per item ({@link #NO_MARKET} when unknown), markets numbered from 0
     * @param counts       item counts, weighted by {@code exponent} as in the global noise distribution
     * @return the market noise, or {@code null} when no market has two or more items to draw from
     */
    public static MarketNoise of(int[] marketOfItem, long[] counts, double exponent) {
        int markets = 0;
        for (int market : marketOfItem) {
            markets = Math.max(markets, market + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int m = 0; m < markets; m++) {
            members.add(new ArrayList<>());
        }
        for (int item = 0; item < marketOfItem.length; item++) {
            if (marketOfItem[item] != NO_MARKET) {
                members.get(marketOfItem[item]).add(item);
            }
        }
        NoiseDistribution[] noise = new NoiseDistribution[markets];
        boolean any = false;
        for (int m = 0; m < markets; m++) {
            List<Integer> items = members.get(m);
            if (items.size() < 2) {
                continue;
            }
            int[] outcomes = items.stream().mapToInt(Integer::intValue).toArray();
            long[] marketCounts = new long[outcomes.length];
            for (int k = 0; k < outcomes.length; k++) {
                marketCounts[k] = counts[outcomes[k]];
            }
            noise[m] = NoiseDistribution.unigram(marketCounts, exponent, outcomes);
            any = true;
        }
        return any ? new MarketNoise(marketOfItem.clone(), noise) : null;
    }

    /** An item of the same market as {@code item}, or -1 when its market is unknown or too small. */
    public int sample(int item, long randomBits) {
        int market = marketOfItem[item];
        if (market == NO_MARKET || noiseByMarket[market] == null) {
            return -1;
        }
        return noiseByMarket[market].sample(randomBits);
    }
}
