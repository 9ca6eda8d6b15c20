package org.item2vec.learn.eval;

/** How held-out sessions become next-click predictions to rank. */
public enum Protocol {
    /**
     * Each consecutive pair (previous, next) with {@code next != previous}, predicted from the previous item
     * alone; the previous item itself is not ranked.
     */
    ONE_ITEM("one-item"),
    /**
     * session-rec's protocol (Ludewig and Jannach, evaluation.py): every click after the first of every test
     * session, predicted from all the clicks before it, ranked against every item (repeats included).
     */
    SESSION("session");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
