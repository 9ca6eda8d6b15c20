package org.item2vec.learn.sgns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarketNoiseTest {
    private static final int N = MarketNoise.NO_MARKET;

    @Test
    void drawsOnlyFromTheInputItemsMarket() {
        int[] markets = {0, 1, 0, 1, 0, N, 2};
        MarketNoise noise = MarketNoise.of(markets, new long[] {5, 5, 3, 2, 1, 9, 4}, 0.75);
        long state = Randoms.seed(3, 0);
        for (int d = 0; d < 10_000; d++) {
            state = Randoms.advance(state);
            int drawn = noise.sample(0, Randoms.output(state));
            assertEquals(0, markets[drawn], "drew item " + drawn);
            state = Randoms.advance(state);
            assertEquals(1, markets[noise.sample(3, Randoms.output(state))]);
        }
    }

    @Test
    void itemsWithoutAMarketOrAloneInTheirsGetNone() {
        MarketNoise noise = MarketNoise.of(new int[] {0, 0, N, 1}, new long[] {1, 1, 1, 1}, 0.75);
        assertEquals(-1, noise.sample(2, 12345L));
        assertEquals(-1, noise.sample(3, 12345L));
        assertTrue(noise.sample(0, 12345L) >= 0);
    }

    @Test
    void noMarketWithTwoItemsMeansNoMarketNoise() {
        assertNull(MarketNoise.of(new int[] {0, 1, N}, new long[] {1, 1, 1}, 0.75));
    }
}
