package org.item2vec.trainer.live;

/** How the trainers name the offsets of the partitions they read. */
public final class PartitionOffsets {
    private PartitionOffsets() {
    }

    /**
     * The key of a partition's offset in the offsets the trainers keep and the manifests record: the live trainer
     * resumes a published version from these, so every writer and reader must spell them alike.
     */
    public static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
