package org.item2vec.api.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.item2vec.api.index.AnnIndex;
import org.item2vec.api.index.MarketIndex;
import org.item2vec.api.model.ItemVectors;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.VectorTable;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.vectors.Neighbour;
import org.item2vec.learn.vectors.TopK;
import org.item2vec.learn.vectors.VectorMath;

/**
 * Recommendations in the manner of Airbnb's similar-listings carousel: the items nearest to the query in the
 * query's own market, excluding the query; a listing without an embedding yet starts from the mean of its
 * nearest peers (same market, type and price bucket). Stateless; safe from many threads.
 */
public final class Recommender {
    /** How much longer than needed an approximate result list starts, to survive filtering. */
    private static final int ANN_GROWTH = 4;

    public Recommendations recommend(Model model, Query query) {
        if (query.mode() == Mode.POPULAR) {
            return popular(model, query);
        }
        Optional<ItemVectors> known = model.vectors(query.item());
        List<String> peers = List.of();
        ItemVectors vectors;
        if (known.isPresent()) {
            vectors = known.get();
        } else {
            peers = coldStartPeers(model, query.item());
            vectors = meanOf(model, query.item(), peers);
        }
        String market = market(model, query);
        List<Neighbour> items = query.mode() == Mode.NEXT
                ? next(model, vectors.input(), market, query)
                : similar(model, vectors.unit(), market, query);
        return new Recommendations(market, known.isEmpty(), peers, items);
    }

    private static String market(Model model, Query query) {
        return switch (query.market()) {
            case Query.ITEM_MARKET -> model.market(query.item());
            case Query.ANY_MARKET -> null;
            default -> query.market();
        };
    }

    /**
     * The market's most clicked items, scored by their click counts. Table rows are in order of falling
     * count, so the scan stops as soon as the list is full; items the live trainer changed are offered too.
     */
    private static Recommendations popular(Model model, Query query) {
        if (model.vectors(query.item()).isEmpty() && model.listing(query.item()).isEmpty()) {
            throw unknownItem(query.item());
        }
        String market = market(model, query);
        Candidates candidates = new Candidates(model, query);
        int needed = candidates.capacity();
        int offered = 0;
        for (int row : model.index().group(market).rows()) {
            if (offered >= needed) {
                break;
            }
            if (!model.stale(row)) {
                candidates.offerRow(row, model.table().count(row));
                offered++;
            }
        }
        ItemVectors[] changed = model.changedItems();
        for (int i = 0; i < changed.length; i++) {
            candidates.offerChanged(i, market, changed[i].count());
        }
        return new Recommendations(market, false, List.of(), candidates.best());
    }

    private static List<String> coldStartPeers(Model model, String item) {
        Optional<Listing> listing = model.listing(item);
        if (listing.isEmpty()) {
            throw unknownItem(item);
        }
        List<String> peers = model.listings().peersOf(item, peer -> model.vectors(peer).isPresent());
        if (peers.isEmpty()) {
            throw new UnknownItemException("item '" + item + "' has no embedding yet, and no item of its market, "
                    + "type and price bucket has one to start from");
        }
        return peers;
    }

    /** Airbnb's cold start: the mean of the peers' vectors stands in for the new listing's. */
    private static ItemVectors meanOf(Model model, String item, List<String> peers) {
        float[] input = new float[model.dim()];
        float[] output = new float[model.dim()];
        for (String peer : peers) {
            ItemVectors vectors = model.vectors(peer).orElseThrow();
            for (int i = 0; i < input.length; i++) {
                input[i] += vectors.input()[i] / peers.size();
                output[i] += vectors.output()[i] / peers.size();
            }
        }
        return new ItemVectors(item, 0, input, ItemVectors.unitOf(input), output);
    }

    private static List<Neighbour> similar(Model model, float[] unitQuery, String market, Query query) {
        MarketIndex.Group group = model.index().group(market);
        VectorTable table = model.table();
        Candidates candidates = new Candidates(model, query);
        if (group.indexed()) {
            int wanted = candidates.capacity();
            while (true) {
                List<AnnIndex.Hit> hits = group.ann().nearest(unitQuery, wanted);
                int usable = 0;
                for (AnnIndex.Hit hit : hits) {
                    String item = table.item(hit.row());
                    boolean dropped = model.stale(hit.row()) || item.equals(query.item())
                            || query.exclude().contains(item);
                    usable += dropped ? 0 : 1;
                }
                if (usable >= query.k() || wanted >= group.rows().length) {
                    hits.forEach(hit -> candidates.offerRow(hit.row(), hit.similarity()));
                    break;
                }
                wanted *= ANN_GROWTH;
            }
        } else {
            int dim = table.dim();
            float[] unit = table.unit();
            for (int row : group.rows()) {
                candidates.offerRow(row, VectorMath.dot(unitQuery, 0, unit, row * dim, dim));
            }
        }
        ItemVectors[] changed = model.changedItems();
        for (int i = 0; i < changed.length; i++) {
            candidates.offerChanged(i, market, VectorMath.dot(unitQuery, 0, changed[i].unit(), 0, unitQuery.length));
        }
        return candidates.best();
    }

    private static List<Neighbour> next(Model model, float[] inputQuery, String market, Query query) {
        VectorTable table = model.table();
        int dim = table.dim();
        float[] output = table.output();
        Candidates candidates = new Candidates(model, query);
        for (int row : model.index().group(market).rows()) {
            candidates.offerRow(row, VectorMath.dot(inputQuery, 0, output, row * dim, dim));
        }
        ItemVectors[] changed = model.changedItems();
        for (int i = 0; i < changed.length; i++) {
            candidates.offerChanged(i, market, VectorMath.dot(inputQuery, 0, changed[i].output(), 0, dim));
        }
        return candidates.best();
    }

    /**
     * The best candidates among table rows (numbered by row) and changed items (numbered after the table).
     * Stale rows are skipped; excluded items are kept out by keeping that many extra and dropping them at
     * the end, so the scan does no lookups per row.
     */
    private static final class Candidates {
        private final Model model;
        private final Query query;
        private final TopK top;
        private final int tableSize;

        Candidates(Model model, Query query) {
            this.model = model;
            this.query = query;
            this.tableSize = model.table().size();
            this.top = new TopK(capacityFor(query));
        }

        private static int capacityFor(Query query) {
            return query.k() + query.exclude().size() + 1; // + 1: the query item itself
        }

        int capacity() {
            return capacityFor(query);
        }

        void offerRow(int row, float score) {
            if (!model.stale(row)) {
                top.offer(row, score);
            }
        }

        void offerChanged(int index, String market, float score) {
            if (market == null || market.equals(model.changedMarket(index))) {
                top.offer(tableSize + index, score);
            }
        }

        List<Neighbour> best() {
            ItemVectors[] changed = model.changedItems();
            Neighbour[] ranked = top.best(i -> i < tableSize ? model.table().item(i) : changed[i - tableSize].item());
            List<Neighbour> result = new ArrayList<>(query.k());
            for (Neighbour neighbour : ranked) {
                if (result.size() < query.k() && !neighbour.item().equals(query.item())
                        && !query.exclude().contains(neighbour.item())) {
                    result.add(neighbour);
                }
            }
            return result;
        }
    }

    private static UnknownItemException unknownItem(String item) {
        return new UnknownItemException("unknown item '" + item + "': it has no embedding and no listing");
    }
}
