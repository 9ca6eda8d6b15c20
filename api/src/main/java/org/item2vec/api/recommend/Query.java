package org.item2vec.api.recommend;

import java.util.Set;

/**
 * One recommendation request, already validated.
 *
 * @param item    the query item
 * @param k       how many items to return
 * @param mode    how to rank
 * @param market  {@link #ITEM_MARKET} (the query item's own market, when known), {@link #ANY_MARKET}, or a
 *                market name
 * @param exclude items never to return (the query item is never returned anyway)
 */
public record Query(String item, int k, Mode mode, String market, Set<String> exclude) {
    public static final String ITEM_MARKET = "";
    public static final String ANY_MARKET = "any";
}
