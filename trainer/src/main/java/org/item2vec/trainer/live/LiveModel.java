package org.item2vec.trainer.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.item2vec.events.json.BadMessageException;
import org.item2vec.events.messages.FinishedSession;
import org.item2vec.events.messages.Listing;
import org.item2vec.events.messages.SessionUpdate;
import org.item2vec.learn.online.IncrementalTraining;
import org.item2vec.learn.online.ListingCatalog;
import org.item2vec.learn.online.OnlineModel;
import org.item2vec.service.config.Topics;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.store.ModelVersions;

/**
 * The model being trained and what it has applied: the next offset per partition, the listings received
 * since the last save and the count of messages. It is saved, and published, with exactly these, so that a
 * restart or a rebase resumes where the model's knowledge ends.
 */
final class LiveModel {
    private final Topics topics;
    private final IncrementalTraining training;
    private final Map<String, Long> nextOffsets;
    private final List<Listing> newListings = new ArrayList<>();
    private long appliedMessages;

    /** Trains {@code model} from here on, resuming after {@code offsets}: the store's, or a version's. */
    LiveModel(Topics topics, OnlineModel model, List<Listing> listings, Map<String, Long> offsets, long applied) {
        this.topics = topics;
        ListingCatalog catalog = new ListingCatalog();
        listings.forEach(catalog::put);
        this.training = new IncrementalTraining(model, catalog);
        this.nextOffsets = new HashMap<>(offsets);
        this.appliedMessages = applied;
    }

    OnlineModel model() {
        return training.model();
    }

    long appliedMessages() {
        return appliedMessages;
    }

    /**
     * Learns from one record of the input topics and moves past it; a record that cannot be read is moved past
     * and reported to the caller.
     */
    void apply(ConsumerRecord<String, byte[]> record) throws BadMessageException {
        nextOffsets.put(PartitionOffsets.key(record.topic(), record.partition()), record.offset() + 1);
        appliedMessages++;
        long seed = IncrementalTraining.seedFor(training.model().params().seed(), record.topic(),
                record.partition(), record.offset());
        if (record.topic().equals(topics.sessionUpdates())) {
            SessionUpdate update = SessionUpdate.fromJson(record.value());
            training.applyUpdate(update.item(), update.context(), seed);
        } else if (record.topic().equals(topics.sessions())) {
            FinishedSession session = FinishedSession.fromJson(record.value());
            training.applySession(session.items(), session.booked(), seed);
        } else if (record.value() != null) {
            Listing listing = Listing.fromJson(record.value());
            training.applyListing(listing);
            newListings.add(listing);
        }
    }

    /** Points {@code consumer} at the next record this model has not applied, or the beginning. */
    void seek(KafkaConsumer<?, ?> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            Long saved = nextOffsets.get(PartitionOffsets.key(partition.topic(), partition.partition()));
            if (saved == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, saved);
            }
        }
    }

    /** Writes what changed since the last save, with the offsets, into {@code store}. */
    void saveTo(EmbeddingStoreWriter store) {
        store.save(training.model(), nextOffsets, newListings, appliedMessages);
        newListings.clear();
    }

    /** Publishes the whole model as a new version, with its offsets and listings. */
    ModelVersions.Manifest publishTo(ModelVersions versions) {
        return versions.publish(training.model(), nextOffsets, training.catalog().all(), appliedMessages, Map.of(
                "items", training.model().size(),
                "appliedPairs", training.model().appliedPairs(),
                "appliedMessages", appliedMessages));
    }
}
