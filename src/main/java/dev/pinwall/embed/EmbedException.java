package dev.pinwall.embed;

/** An embedder could not be loaded or could not embed a batch. The message is written for users. */
public class EmbedException extends Exception {
    public EmbedException(String message) {
        super(message);
    }

    public EmbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
