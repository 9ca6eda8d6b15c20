package org.item2vec.learn.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.item2vec.learn.io.InputFiles;
import org.item2vec.learn.io.InputFormatException;
import org.item2vec.learn.sgns.MarketNoise;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * The market of each item, read from an item metadata file: rows {@code item,market[,more columns]}
 * (comma or tab separated), with an optional header row starting with {@code item}.
 */
public final class ItemMarkets {
    private final Map<String, String> marketByItem;

    private ItemMarkets(Map<String, String> marketByItem) {
        this.marketByItem = marketByItem;
    }

    public static ItemMarkets of(Map<String, String> marketByItem) {
        return new ItemMarkets(Map.copyOf(marketByItem));
    }

    public static ItemMarkets read(Path path) throws IOException {
        Map<String, String> markets = new HashMap<>();
        try (InputStream in = InputFiles.open(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && line.trim().toLowerCase().startsWith("item"))) {
                    continue;
                }
                String[] fields = line.split(line.indexOf('\t') >= 0 ? "\t" : ",", -1);
                if (fields.length < 2 || fields[0].isBlank()) {
                    throw new InputFormatException(path + " line " + number
                            + ": expected 'item,market[,...]', found '" + line + "'");
                }
                String market = fields[1].trim();
                if (!market.isEmpty()) {
                    markets.put(fields[0].trim(), market);
                }
            }
        }
        return new ItemMarkets(markets);
    }

    public int size() {
        return marketByItem.size();
    }

    /** The market of an item, or {@code null} when unknown. */
    public String marketOf(String item) {
        return marketByItem.get(item);
    }

    /** Market numbers per vocabulary item ({@link MarketNoise#NO_MARKET} when unknown), for the trainer. */
    public int[] indexFor(Vocabulary vocabulary) {
        Map<String, Integer> numbers = new HashMap<>();
        int[] index = new int[vocabulary.size()];
        for (int item = 0; item < index.length; item++) {
            String market = marketByItem.get(vocabulary.token(item));
            index[item] = market == null ? MarketNoise.NO_MARKET
                    : numbers.computeIfAbsent(market, m -> numbers.size());
        }
        return index;
    }
}
