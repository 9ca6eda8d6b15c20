package org.item2vec.service.config;

/** A setting is missing, malformed or out of range; the message names the key and where it was set. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
