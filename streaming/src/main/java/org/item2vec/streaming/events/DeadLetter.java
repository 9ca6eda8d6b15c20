package org.item2vec.streaming.events;

/**
 * An input record that cannot be processed, as its dead-letter topic receives it.
 *
 * @param original the record's value, unchanged
 * @param reason   a stable, machine-readable code such as {@code malformed_json}
 * @param detail   what exactly is wrong, for people
 */
public record DeadLetter(byte[] original, String reason, String detail) {
}
