package org.item2vec.api.http;

import io.micronaut.serde.annotation.SerdeImport;
import org.item2vec.events.messages.Listing;

/** The trainer's listing record, written as JSON in item details. */
@SerdeImport(Listing.class)
final class ListingSerde {
    private ListingSerde() {
    }
}
