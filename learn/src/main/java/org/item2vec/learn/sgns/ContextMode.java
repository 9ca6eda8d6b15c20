package org.item2vec.learn.sgns;

/** Which neighbours of an item in a session count as its context. */
public enum ContextMode {
    /** word2vec: items within a window, randomly shrunk per position to 1..window. */
    WINDOW,
    /** item2vec (Barkan & Koenigstein): every other item of the session, order ignored. */
    SESSION
}
