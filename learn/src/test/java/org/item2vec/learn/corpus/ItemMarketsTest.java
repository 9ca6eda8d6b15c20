package org.item2vec.learn.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.sgns.MarketNoise;
import org.item2vec.learn.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemMarketsTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path path = dir.resolve("items.csv");
        Files.writeString(path, text);
        return path;
    }

    @Test
    void readsRowsAfterAHeader() throws IOException {
        ItemMarkets markets = ItemMarkets.read(file("item,market,price\nh1,paris,100\nh2, london ,80\nh3,paris\n"));
        assertEquals(3, markets.size());
        assertEquals("paris", markets.marketOf("h1"));
        assertEquals("london", markets.marketOf("h2"));
        assertEquals("paris", markets.marketOf("h3"));
        assertNull(markets.marketOf("item"), "the header is not an item");
        assertNull(markets.marketOf("h4"));
    }

    @Test
    void readsTabSeparatedRowsWithoutHeader() throws IOException {
        ItemMarkets markets = ItemMarkets.read(file("h1\tparis\n\nh2\trome\n"));
        assertEquals(2, markets.size());
        assertEquals("rome", markets.marketOf("h2"));
    }

    @Test
    void rowWithEmptyMarketIsUnknown() throws IOException {
        ItemMarkets markets = ItemMarkets.read(file("h1,\nh2,rome\n"));
        assertNull(markets.marketOf("h1"));
        assertEquals(1, markets.size());
    }

    @Test
    void indexForGivesSameNumberForSameMarketAndNoMarketForUnknownItems() {
        ItemMarkets markets = ItemMarkets.of(Map.of("h1", "paris", "h2", "london", "h3", "paris", "h9", "rome"));
        Vocabulary vocabulary = Vocabulary.ofOrdered(new String[] {"h1", "unknown", "h2", "h3"}, new long[4]);
        int[] index = markets.indexFor(vocabulary);
        assertEquals(4, index.length);
        assertEquals(index[0], index[3], "h1 and h3 are both in paris");
        assertNotEquals(index[0], index[2], "london differs from paris");
        assertEquals(MarketNoise.NO_MARKET, index[1]);
        assertEquals(-1, MarketNoise.NO_MARKET);
        // markets are numbered from 0 in order of first appearance
        assertArrayEquals(new int[] {0, -1, 1, 0}, index);
    }

    @Test
    void malformedRowFailsWithTheLineNumber() throws IOException {
        Path path = file("item,market\nh1,paris\nh2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ItemMarkets.read(path));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'h2'"), e.getMessage());
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
    }

    @Test
    void rowWithEmptyItemFails() throws IOException {
        Path path = file("h1,paris\n,rome\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> ItemMarkets.read(path));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void missingFileFails() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> ItemMarkets.read(dir.resolve("missing.csv")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
