package dev.pinwall.decode;

/** A file could not be decoded into an image. The message is a short reason written for users. */
public class DecodeException extends Exception {
    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
