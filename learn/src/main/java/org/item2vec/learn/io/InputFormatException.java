package org.item2vec.learn.io;

/** Input that cannot be read as what it claims to be; the message says where and why. */
public class InputFormatException extends RuntimeException {
    public InputFormatException(String message) {
        super(message);
    }

    public InputFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
