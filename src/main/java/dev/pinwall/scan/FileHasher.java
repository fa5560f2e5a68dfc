package dev.pinwall.scan;

import dev.pinwall.store.VectorStore;
import dev.pinwall.store.FileStamp;
import dev.pinwall.store.StoreException;
import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Content hashes for many files, re-reading only files that are new or changed: a file whose path, size and
 * modification time the store already knows gets its remembered hash; the others are hashed on a small pool of
 * threads and remembered in one transaction. Files that vanished or cannot be read are reported, not thrown.
 */
public final class FileHasher {

    /** Told after each file; called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * What a run found.
     *
     * @param hashes    file to content hash, in the order the files were given
     * @param failures  file to a reason a user can read, for files that could not be read
     * @param cached    hashes taken from the store
     * @param computed  hashes computed in this run
     * @param cancelled true when the run stopped early; {@code hashes} then holds what was done
     */
    public record Result(Map<Path, String> hashes, Map<Path, String> failures, int cached, int computed,
                         boolean cancelled) {
    }

    private final VectorStore store;
    private final int threads;

    /** A hasher with two threads: hashing is mostly disk-bound, and the machine has other work. */
    public FileHasher(VectorStore store) {
        this(store, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public FileHasher(VectorStore store, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.store = store;
        this.threads = threads;
    }

    public Result hash(Collection<Path> files, Cancellation cancellation) throws StoreException {
        return hash(files, cancellation, Progress.NONE);
    }

    /**
     * Resolves the content hash of each file.
     *
     * @throws StoreException only when the store itself fails; hashes computed before that are lost for the cache
     *                        but the files are untouched
     */
    public Result hash(Collection<Path> files, Cancellation cancellation, Progress progress) throws StoreException {
        int total = files.size();
        Map<Path, String> failures = new LinkedHashMap<>();
        List<Path> order = new ArrayList<>(total);
        List<FileStamp> stamps = new ArrayList<>(total);
        for (Path file : files) {
            Path path = file.toAbsolutePath().normalize();
            order.add(path);
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) {
                    failures.put(path, "not a file");
                } else {
                    stamps.add(new FileStamp(path, attributes.size(), attributes.lastModifiedTime().toMillis()));
                }
            } catch (IOException e) {
                failures.put(path, Files.isSymbolicLink(path) ? ImageFiles.brokenLinkReason(path) : reason(e));
            }
        }
        AtomicInteger done = new AtomicInteger(failures.size());

        Map<Path, String> known = store.fileHashes().knownHashes(stamps);
        Map<Path, String> hashes = new HashMap<>(known);
        done.addAndGet(known.size());
        if (!known.isEmpty()) {
            progress.update(done.get(), total);
        }
        List<FileStamp> toHash = new ArrayList<>();
        for (FileStamp stamp : stamps) {
            if (!known.containsKey(stamp.path())) {
                toHash.add(stamp);
            }
        }

        Map<FileStamp, String> fresh = new HashMap<>();
        boolean cancelled = false;
        if (!toHash.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, toHash.size()), runnable -> {
                Thread thread = new Thread(runnable, "pinwall-hash");
                thread.setDaemon(true);
                return thread;
            });
            try {
                CompletionService<Hashed> completion = new ExecutorCompletionService<>(pool);
                for (FileStamp stamp : toHash) {
                    completion.submit(() -> cancellation.isCancelled() ? null : hashOne(stamp));
                }
                // Stop taking results at once when cancelled: workers may have run ahead, and a cancelled run
                // should end promptly rather than drain the queue.
                for (int i = 0; i < toHash.size() && !cancellation.isCancelled(); i++) {
                    Hashed hashed;
                    try {
                        hashed = completion.take().get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("hashing failed unexpectedly", e.getCause());
                    }
                    if (hashed == null) {
                        continue; // skipped after cancellation
                    }
                    if (hashed.failure != null) {
                        failures.put(hashed.stamp.path(), hashed.failure);
                    } else {
                        hashes.put(hashed.stamp.path(), hashed.hash);
                        if (hashed.stable) {
                            fresh.put(hashed.stamp, hashed.hash);
                        }
                    }
                    progress.update(done.incrementAndGet(), total);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            } finally {
                pool.shutdownNow();
            }
            cancelled |= cancellation.isCancelled();
        }
        // Remember even a cancelled run's work, so the next run does not hash those files again.
        store.fileHashes().rememberHashes(fresh);

        Map<Path, String> ordered = new LinkedHashMap<>(hashes.size() * 4 / 3 + 1);
        Map<Path, String> orderedFailures = new LinkedHashMap<>();
        for (Path path : order) {
            String hash = hashes.get(path);
            if (hash != null) {
                ordered.put(path, hash);
            }
            String failure = failures.get(path);
            if (failure != null) {
                orderedFailures.put(path, failure);
            }
        }
        int computed = hashes.size() - known.size();
        return new Result(ordered, orderedFailures, known.size(), computed, cancelled);
    }

    /** One file's outcome; {@code stable} is false when the file changed while it was read. */
    private record Hashed(FileStamp stamp, String hash, boolean stable, String failure) {
    }

    private static Hashed hashOne(FileStamp stamp) {
        try {
            String hash = ContentHash.of(stamp.path());
            // A file rewritten while we read it must not be cached under the old stamp.
            FileStamp after = FileStamp.of(stamp.path());
            return new Hashed(stamp, hash, after.equals(stamp), null);
        } catch (IOException e) {
            return new Hashed(stamp, null, false, reason(e));
        } catch (RuntimeException e) {
            // One odd file (e.g. a path the file system rejects) must not end the whole run.
            return new Hashed(stamp, null, false, "file not readable: " + e);
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found (moved or deleted?)";
        }
        if (e instanceof AccessDeniedException) {
            return "file not readable (permission denied)";
        }
        String message = e.getMessage();
        return "file not readable: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
