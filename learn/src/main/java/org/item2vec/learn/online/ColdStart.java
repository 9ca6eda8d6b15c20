package org.item2vec.learn.online;

import java.util.List;
import java.util.function.Predicate;

/** Finds the items whose vectors a new item starts from. */
@FunctionalInterface
public interface ColdStart {
    /** No metadata: every new item starts at random. */
    ColdStart NONE = (item, known) -> List.of();

    /** Up to a few peers of {@code item} among the items {@code known} accepts, best first. */
    List<String> peersOf(String item, Predicate<String> known);
}
