package org.item2vec.api.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.item2vec.api.index.MarketIndex;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.online.ListingCatalog;

/**
 * A model as requests see it: a table read from a store at one moment with its market index, plus the
 * items the live trainer has changed since (read from the store's change log). A request holds one
 * {@code Model} from start to end, and new changes make a new {@code Model}, so no request sees half an
 * update or a mix of two versions.
 */
public final class Model {
    /** The version name of the model followed live from the trainer's store. */
    public static final String LIVE = "live";

    private final ModelInfo info;
    private final VectorTable table;
    private final MarketIndex index;
    private final ListingCatalog listings;
    /** Items changed since the table was read; a {@code null} value means the item was evicted. */
    private final Map<String, ItemVectors> changed;
    private final ItemVectors[] changedLive;
    /** The market of each of {@link #changedLive}, looked up once here rather than in every search. */
    private final String[] changedMarkets;
    private final BitSet staleRows;
    private final int staleCount;

    public Model(ModelInfo info, VectorTable table, MarketIndex index, ListingCatalog listings) {
        this(info, table, index, listings, Map.of());
    }

    private Model(ModelInfo info, VectorTable table, MarketIndex index, ListingCatalog listings,
                  Map<String, ItemVectors> changed) {
        this.info = info;
        this.table = table;
        this.index = index;
        this.listings = listings;
        this.changed = changed;
        this.staleRows = new BitSet(table.size());
        List<ItemVectors> live = new ArrayList<>();
        changed.forEach((item, vectors) -> {
            int row = table.rowOf(item);
            if (row >= 0) {
                staleRows.set(row);
            }
            if (vectors != null) {
                live.add(vectors);
            }
        });
        this.changedLive = live.toArray(new ItemVectors[0]);
        this.changedMarkets = new String[changedLive.length];
        for (int i = 0; i < changedLive.length; i++) {
            changedMarkets[i] = listings.market(changedLive[i].item());
        }
        this.staleCount = staleRows.cardinality();
    }

    /**
     * This model with more changes applied ({@code null} vectors: the item is gone). The listings catalogue
     * is shared: listings only ever get added or corrected.
     */
    public Model withChanges(Map<String, ItemVectors> updates, ModelInfo newInfo) {
        Map<String, ItemVectors> merged = new HashMap<>(changed);
        merged.putAll(updates);
        return new Model(newInfo, table, index, listings, merged);
    }

    public ModelInfo info() {
        return info;
    }

    public String version() {
        return info.version();
    }

    public int dim() {
        return table.dim();
    }

    public VectorTable table() {
        return table;
    }

    public MarketIndex index() {
        return index;
    }

    /** How many items changed since the table was read. */
    public int changedCount() {
        return changed.size();
    }

    /** Whether a table row was changed or evicted since, so that its table vectors must not be used. */
    public boolean stale(int row) {
        return staleRows.get(row);
    }

    /** Items changed since the table was read that still exist, with their current vectors. */
    public ItemVectors[] changedItems() {
        return changedLive;
    }

    /** The market of {@code changedItems()[index]}, or {@code null}. */
    public String changedMarket(int index) {
        return changedMarkets[index];
    }

    /** How many items the model holds. */
    public int size() {
        return table.size() - staleCount + changedLive.length;
    }

    /** An item's current vectors, or empty when the model has none for it. */
    public Optional<ItemVectors> vectors(String item) {
        if (changed.containsKey(item)) {
            return Optional.ofNullable(changed.get(item));
        }
        int row = table.rowOf(item);
        return row < 0 ? Optional.empty() : Optional.of(rowVectors(row));
    }

    /** Copies of a table row's vectors. */
    public ItemVectors rowVectors(int row) {
        int dim = table.dim();
        float[] input = new float[dim];
        float[] unit = new float[dim];
        float[] output = new float[dim];
        System.arraycopy(table.input(), row * dim, input, 0, dim);
        System.arraycopy(table.unit(), row * dim, unit, 0, dim);
        System.arraycopy(table.output(), row * dim, output, 0, dim);
        return new ItemVectors(table.item(row), table.count(row), input, unit, output);
    }

    /** An item and how often the trainer has seen it. */
    public record ItemCount(String item, long count) {
    }

    /** The {@code limit} most frequent items, most frequent first (ties by id). */
    public List<ItemCount> mostFrequent(int limit) {
        List<ItemCount> candidates = new ArrayList<>();
        for (int row = 0; row < table.size() && candidates.size() < limit + staleCount; row++) {
            if (!staleRows.get(row)) {
                candidates.add(new ItemCount(table.item(row), table.count(row)));
            }
        }
        for (ItemVectors item : changedLive) {
            candidates.add(new ItemCount(item.item(), item.count()));
        }
        candidates.sort(Comparator.comparingLong((ItemCount c) -> -c.count()).thenComparing(ItemCount::item));
        return candidates.subList(0, Math.min(limit, candidates.size()));
    }

    public Optional<Listing> listing(String item) {
        return Optional.ofNullable(listings.get(item));
    }

    /** The item's market, or {@code null} when no listing names one. */
    public String market(String item) {
        return listings.market(item);
    }

    public ListingCatalog listings() {
        return listings;
    }
}
