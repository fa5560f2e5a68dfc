package dev.pinwall.embed;

/**
 * Progress of a model download, reported from the downloading thread.
 */
@FunctionalInterface
public interface DownloadListener {
    /**
     * @param bytesDone  bytes received so far
     * @param bytesTotal the expected total, or -1 when the server does not say
     */
    void onProgress(long bytesDone, long bytesTotal);

    DownloadListener NONE = (done, total) -> { };
}
