package org.item2vec.api.recommend;

/** How candidates are ranked against the query item. */
public enum Mode {
    /** Cosine of input vectors: items used in the same contexts, Airbnb's similar listings. */
    SIMILAR,
    /** Input·output score: skip-gram's own prediction of the next click. */
    NEXT,
    /** The most clicked items of the market, whatever the query item: the baseline, and a fallback. */
    POPULAR
}
