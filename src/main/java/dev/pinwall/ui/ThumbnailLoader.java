package dev.pinwall.ui;

import dev.pinwall.decode.DecodeException;
import dev.pinwall.decode.ImageDecoder;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Decodes thumbnails off the UI thread with a few workers and keeps the most recent ones in a cache bounded in bytes.
 * <p>
 * Requests are served newest first (a fast scroll leaves old requests behind) and a request whose cell has been
 * recycled is {@linkplain Request#cancel() cancelled} and skipped. Cache and callbacks live on the UI thread
 * ({@code ui} executor); only decoding runs on the workers.
 */
public final class ThumbnailLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailLoader.class);

    private final int maxSide;
    private final long maxBytes;
    private final Executor ui;
    private final LinkedBlockingDeque<Request> queue = new LinkedBlockingDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    // UI thread only
    private final LinkedHashMap<Path, Image> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedBytes;
    // written by workers, read anywhere: decode failures are remembered so a recycled cell shows them at once
    private final Map<Path, String> failures = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param maxSide  longest side of a thumbnail in pixels
     * @param maxBytes cache budget (4 bytes per pixel)
     * @param threads  decoding workers
     * @param ui       runs callbacks on the UI thread ({@code Platform::runLater})
     */
    public ThumbnailLoader(int maxSide, long maxBytes, int threads, Executor ui) {
        this.maxSide = maxSide;
        this.maxBytes = maxBytes;
        this.ui = ui;
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "pinwall-thumbnails-" + (i + 1));
            worker.setDaemon(true);
            worker.setPriority(Thread.NORM_PRIORITY - 1);
            workers.add(worker);
            worker.start();
        }
    }

    /** A pending thumbnail; cancel it when the cell that asked shows something else. */
    public static final class Request {
        private final Path path;
        private final Consumer<Image> onLoaded;
        private final Consumer<String> onFailed;
        private volatile boolean cancelled;

        private Request(Path path, Consumer<Image> onLoaded, Consumer<String> onFailed) {
            this.path = path;
            this.onLoaded = onLoaded;
            this.onFailed = onFailed;
        }

        public void cancel() {
            cancelled = true;
        }
    }

    /** The cached thumbnail, or null. UI thread. */
    public Image cached(Path path) {
        return cache.get(path);
    }

    /** Why the file could not be decoded, or null when it could (or has not been tried). */
    public String failure(Path path) {
        return failures.get(path);
    }

    /**
     * Delivers the thumbnail (or the reason it cannot be made) on the UI thread. Answers from the cache at once;
     * otherwise queues a request, served newest first. Call on the UI thread.
     */
    public Request load(Path path, Consumer<Image> onLoaded, Consumer<String> onFailed) {
        Request request = new Request(path, onLoaded, onFailed);
        Image hit = cache.get(path);
        String failure = failures.get(path);
        if (hit != null) {
            onLoaded.accept(hit);
        } else if (failure != null) {
            onFailed.accept(failure);
        } else {
            pending.incrementAndGet();
            queue.offerFirst(request);
        }
        return request;
    }

    /** Requests queued or being decoded: zero when everything asked for has arrived. */
    public int pending() {
        return pending.get();
    }

    private void work() {
        while (!closed) {
            Request request;
            try {
                request = queue.takeFirst();
            } catch (InterruptedException e) {
                return;
            }
            if (request.cancelled) {
                pending.decrementAndGet();
                continue;
            }
            Image image = null;
            String failure = failures.get(request.path);
            if (failure == null) {
                try {
                    image = SwingFXUtils.toFXImage(decode(request.path, maxSide), null);
                } catch (ThumbnailException e) {
                    failure = e.getMessage();
                    failures.put(request.path, failure);
                    LOG.info("Cannot show {}: {}", request.path, failure);
                } catch (RuntimeException | OutOfMemoryError e) {
                    failure = "Cannot decode this image (" + e.getClass().getSimpleName() + ")";
                    failures.put(request.path, failure);
                    LOG.warn("Cannot show {}", request.path, e);
                }
            }
            Image loaded = image;
            String reason = failure;
            // counted down only once delivered, so pending() == 0 means every answer has reached its cell
            ui.execute(() -> {
                try {
                    deliver(request, loaded, reason);
                } finally {
                    pending.decrementAndGet();
                }
            });
        }
    }

    private void deliver(Request request, Image image, String failure) {
        if (image != null) {
            put(request.path, image);
            if (!request.cancelled) {
                request.onLoaded.accept(image);
            }
        } else if (!request.cancelled) {
            request.onFailed.accept(failure);
        }
    }

    private void put(Path path, Image image) {
        Image old = cache.put(path, image);
        if (old != null) {
            cachedBytes -= bytes(old);
        }
        cachedBytes += bytes(image);
        Iterator<Map.Entry<Path, Image>> eldest = cache.entrySet().iterator();
        while (cachedBytes > maxBytes && eldest.hasNext()) {
            Map.Entry<Path, Image> entry = eldest.next();
            if (entry.getKey().equals(path)) {
                break;
            }
            cachedBytes -= bytes(entry.getValue());
            eldest.remove();
        }
    }

    /** Entries in the cache (for tests and diagnostics). UI thread. */
    int cachedCount() {
        return cache.size();
    }

    private static long bytes(Image image) {
        return (long) image.getWidth() * (long) image.getHeight() * 4;
    }

    /** The one place that decodes: the core's decoder (EXIF orientation, CMYK JPEGs, size limits). */
    static BufferedImage decode(Path path, int maxSide) throws ThumbnailException {
        try {
            return ImageDecoder.thumbnail(path, maxSide);
        } catch (DecodeException e) {
            throw new ThumbnailException(e.getMessage());
        }
    }

    /** A file that cannot become a thumbnail; the message is for users. */
    static final class ThumbnailException extends Exception {
        ThumbnailException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
