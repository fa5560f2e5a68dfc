package dev.pinwall.store;

/** The embedding store could not be opened, read or written. The message is written for users. */
public class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
