package org.item2vec.streaming.app;

/** Kafka could not be reached or refused a setup request; the message says which brokers and why. */
public final class KafkaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message) {
        super(message);
    }
}
