package dev.pinwall.embed;

import ai.djl.Application;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.RemoteRepository;
import ai.djl.repository.Version;
import ai.djl.repository.VersionRange;
import ai.djl.util.JsonUtils;
import ai.djl.util.Utils;
import com.google.gson.JsonParseException;
import dev.pinwall.task.Cancellation;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads DJL model-zoo artifacts into DJL's cache, only when asked. It drives DJL's own {@link RemoteRepository}
 * (metadata.json, artifacts, the cache layout {@code cache/repo/model/<application>/<group>/<artifact>/<version>/<name>},
 * extraction and SHA-1 checks, a temporary folder moved into place only when every file is complete) and replaces
 * just the transfer of each file: timeouts, byte counts for a progress bar, and cancellation that also breaks a
 * stalled connection. A failed or cancelled download keeps nothing in the cache, not even the metadata.
 */
public final class ZooDownloader {
    /** DJL's model repository; {@code DJL_REPO_URL} (environment or system property) points elsewhere, as in DJL. */
    public static final String DEFAULT_REPOSITORY = "https://mlrepo.djl.ai/";

    static final String GROUP = "ai.djl.pytorch";
    static final Application APPLICATION = Application.CV.IMAGE_CLASSIFICATION;
    static final String VERSION = "0.0.1";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** Progress is reported every 1% of the total, at most every this many bytes, and at the end of each file. */
    private static final long MAX_REPORT_STEP = 64 * 1024;

    private final URI repository;
    private final Path cacheRoot;

    /**
     * @param repository the zoo's base URL (a folder holding {@code model/<application>/<group>/<artifact>/metadata.json})
     * @param cacheRoot  DJL's cache folder, or null for DJL's own ({@code DJL_CACHE_DIR} or {@code ~/.djl.ai}),
     *                   looked up at each call
     */
    public ZooDownloader(URI repository, Path cacheRoot) {
        String url = repository.toString();
        this.repository = URI.create(url.endsWith("/") ? url : url + "/");
        this.cacheRoot = cacheRoot;
    }

    /** DJL's repository (or {@code DJL_REPO_URL}) and DJL's cache folder. */
    public static ZooDownloader standard() {
        return new ZooDownloader(URI.create(Utils.getEnvOrSystemProperty("DJL_REPO_URL", DEFAULT_REPOSITORY)), null);
    }

    public URI repository() {
        return repository;
    }

    /** The folder DJL caches repositories in: {@code <cache root>/cache/repo}. */
    public Path cacheDirectory() {
        return (cacheRoot != null ? cacheRoot : Utils.getCacheDir()).resolve("cache/repo");
    }

    /** The folder holding the downloaded model files, if the model is fully downloaded. Reads local files only. */
    public Optional<Path> cachedModel(ZooEmbedder.ZooModelId model) {
        return cachedArtifact(model).map(this::resourceDirectory).filter(Files::isDirectory);
    }

    public boolean isCached(ZooEmbedder.ZooModelId model) {
        return cachedModel(model).isPresent();
    }

    /**
     * The download's size in bytes: from the cached metadata when there is one, else the size the zoo published
     * for this model. Reads local files only.
     */
    public long downloadBytes(ZooEmbedder.ZooModelId model) {
        return cachedArtifact(model).map(ZooDownloader::totalBytes).filter(n -> n > 0).orElse(model.downloadBytes());
    }

    /**
     * Downloads a model into the cache unless it is already there, and returns its folder. Reports received bytes
     * against the total the metadata announces. Blocks: call off the UI thread.
     *
     * @throws EmbedException when the download fails, fails its checksum, or is cancelled; nothing partial is kept
     */
    public Path download(ZooEmbedder.ZooModelId model, DownloadListener listener, Cancellation cancellation)
            throws EmbedException {
        Optional<Path> cached = cachedModel(model);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path cacheDir = cacheDirectory();
        Transfer transfer = new Transfer(listener, cancellation);
        Repo repo = new Repo(transfer);
        MRL mrl = repo.model(APPLICATION, GROUP, model.artifactId(), VERSION);
        Path created = null;
        Path innermost = null;
        try {
            Artifact artifact = repo.resolve(mrl, model.filter());
            if (artifact == null) {
                throw new EmbedException("zoo model " + model.id() + " is not in the repository " + repository
                        + " (no artifact matches " + model.filter() + ")");
            }
            requireChecksums(model, artifact);
            transfer.total = totalBytes(artifact);
            innermost = resourceDirectory(artifact).getParent();
            created = firstMissing(innermost);
            listener.onProgress(0, transfer.total);
            repo.prepare(artifact, null);
            // The metadata goes in last: the model counts as cached only once its files are all in place.
            writeMetadata(repo.metadata, cacheDir.resolve(mrl.toURI().getPath()).resolve("metadata.json"));
            created = null;
            return resourceDirectory(artifact);
        } catch (Cancelled e) {
            throw new EmbedException("download of zoo model " + model.id() + " was cancelled", e);
        } catch (IOException | RuntimeException e) {
            if (cancellation.isCancelled()) {
                throw new EmbedException("download of zoo model " + model.id() + " was cancelled", e);
            }
            throw new EmbedException("download of zoo model " + model.id() + " from " + repository + " failed: "
                    + reason(e, transfer.lastUri) + "; nothing was kept", e);
        } finally {
            transfer.close();
            if (created != null) {
                removeEmptyFolders(innermost, created);
            }
        }
    }

    /** One line saying what went wrong, in words a user can act on. */
    private static String reason(Throwable e, URI uri) {
        String host = uri == null || uri.getHost() == null ? "the server" : uri.getHost()
                + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.UnknownHostException || c instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host " + host + " (is the computer offline?)";
            }
            if (c instanceof java.net.ConnectException) {
                return "cannot connect to " + host + (c.getMessage() == null ? " (is the computer offline?)"
                        : " (" + c.getMessage() + ")");
            }
            if (c instanceof java.net.SocketTimeoutException) {
                return "the server stopped responding (" + c.getMessage() + ")";
            }
        }
        String message = e.getMessage() != null ? e.getMessage() : TorchScriptEmbedder.rootMessage(e);
        if (message.startsWith("Checksum error: ")) {
            return "the downloaded file failed its checksum (" + message.substring("Checksum error: ".length()) + ")";
        }
        return message;
    }

    /** Human-readable size, e.g. {@code 41.6 MB}. */
    public static String formatBytes(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private Optional<Artifact> cachedArtifact(ZooEmbedder.ZooModelId model) {
        URI mrlUri = MRL.model(null, APPLICATION, GROUP, model.artifactId(), VERSION, null).toURI();
        Path file = cacheDirectory().resolve(mrlUri.getPath()).resolve("metadata.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Metadata metadata = JsonUtils.GSON_PRETTY.fromJson(reader, Metadata.class);
            if (metadata == null || metadata.getArtifacts() == null) {
                return Optional.empty();
            }
            metadata.init(Map.of());
            metadata.setRepositoryUri(mrlUri);
            return newest(metadata.search(VersionRange.parse(VERSION), model.filter()));
        } catch (IOException | JsonParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Artifact> newest(List<Artifact> artifacts) {
        return artifacts.stream().max(Comparator.comparing(a -> new Version(a.getVersion())));
    }

    private Path resourceDirectory(Artifact artifact) {
        return cacheDirectory().resolve(artifact.getResourceUri().getPath());
    }

    private static long totalBytes(Artifact artifact) {
        long total = 0;
        for (Artifact.Item item : artifact.getFiles().values()) {
            if (item.getSize() <= 0) {
                return -1;
            }
            total += item.getSize();
        }
        return total;
    }

    private static void requireChecksums(ZooEmbedder.ZooModelId model, Artifact artifact) throws EmbedException {
        if (artifact.getFiles().isEmpty()) {
            throw new EmbedException("zoo model " + model.id() + " lists no files in its metadata");
        }
        for (Artifact.Item item : artifact.getFiles().values()) {
            if (item.getSha1Hash() == null || item.getSha1Hash().isBlank()) {
                throw new EmbedException("zoo model " + model.id() + ": file " + item.getUri()
                        + " has no checksum in the repository's metadata, so it cannot be verified");
            }
        }
    }

    private static void writeMetadata(Metadata metadata, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "metadata", ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writer.write(JsonUtils.GSON_PRETTY.toJson(metadata));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The outermost folder on the way to {@code dir} that does not exist yet, or null if it all exists. */
    private Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * Removes the folders a failed download created, innermost first, while they are empty (DJL has already
     * deleted its temporary folder; a concurrent download's files are left alone).
     */
    private static void removeEmptyFolders(Path innermost, Path top) {
        for (Path p = innermost; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty
            }
        }
    }

    /** Raised inside a transfer when the user cancels; an IOException so DJL's cleanup runs. */
    private static final class Cancelled extends IOException {
        Cancelled() {
            super("cancelled");
        }
    }

    /**
     * DJL's remote repository with our transport: its metadata is kept in memory until the download succeeds, and
     * each file comes through {@link Transfer}.
     */
    private final class Repo extends RemoteRepository {
        private final Transfer transfer;
        private Metadata metadata;

        Repo(Transfer transfer) {
            super("Pinwall zoo download", repository);
            this.transfer = transfer;
        }

        @Override
        public Path getCacheDirectory() throws IOException {
            Path dir = cacheDirectory();
            Files.createDirectories(dir);
            return dir;
        }

        @Override
        public Metadata locate(MRL mrl) throws IOException {
            URI mrlUri = mrl.toURI();
            URI file = repository.resolve(mrlUri.getPath() + "metadata.json");
            String json;
            try (InputStream in = transfer.open(file, -1, false)) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Metadata m;
            try {
                m = JsonUtils.GSON_PRETTY.fromJson(json, Metadata.class);
            } catch (JsonParseException e) {
                throw new IOException("the repository's metadata " + file + " is not valid JSON", e);
            }
            if (m == null || m.getArtifacts() == null) {
                throw new IOException("the repository's metadata " + file + " lists no artifacts");
            }
            m.setLastUpdated(new Date());
            m.init(Map.of());
            m.setRepositoryUri(mrlUri);
            this.metadata = m;
            return m;
        }

        @Override
        protected void download(Path tmp, URI baseUri, Artifact.Item item, ai.djl.util.Progress progress)
                throws IOException {
            URI fileUri = URI.create(item.getUri());
            if (!fileUri.isAbsolute()) {
                fileUri = getBaseUri().resolve(baseUri).resolve(fileUri);
            }
            try (InputStream in = transfer.open(fileUri, item.getSize(), true)) {
                save(in, tmp, item, null);
                transfer.finishFile(item.getSize());
            }
        }
    }

    /**
     * Opens URLs with timeouts, counts the bytes received for the listener, checks cancellation on every read, and
     * closes the response stream when the user cancels or the server goes quiet, so even a stalled transfer stops
     * at once (a blocked read on {@code HttpURLConnection} cannot be broken from another thread; one on
     * {@link HttpClient}'s body stream can).
     */
    private static final class Transfer implements AutoCloseable {
        private final DownloadListener listener;
        private final Cancellation cancellation;
        private final ScheduledExecutorService watcher;
        private volatile InputStream current;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean stalled;
        long total = -1;
        URI lastUri;
        private long done;
        private long reported;
        private long fileStart;

        Transfer(DownloadListener listener, Cancellation cancellation) {
            this.listener = listener;
            this.cancellation = cancellation;
            this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pinwall-download-watch");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::watch, 100, 100, TimeUnit.MILLISECONDS);
        }

        private void watch() {
            InputStream in = current;
            if (in == null) {
                return;
            }
            boolean quiet = System.nanoTime() - lastActivity > READ_TIMEOUT.toNanos();
            if (cancellation.isCancelled() || quiet) {
                stalled = quiet && !cancellation.isCancelled();
                try {
                    in.close(); // wakes the blocked read
                } catch (IOException ignored) {
                    // closing is all we want
                }
            }
        }

        InputStream open(URI uri, long expectedSize, boolean counted) throws IOException {
            checkCancelled();
            lastUri = uri;
            InputStream raw;
            long length;
            if ("file".equals(uri.getScheme())) { // a repository mirrored on disk
                Path file = Path.of(uri);
                raw = Files.newInputStream(file);
                length = Files.size(file);
            } else {
                HttpResponse<InputStream> response = send(uri);
                raw = response.body();
                if (response.statusCode() != 200) {
                    raw.close();
                    throw new IOException("HTTP " + response.statusCode() + " for " + uri);
                }
                length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            }
            if (expectedSize > 0 && length >= 0 && length != expectedSize) {
                raw.close();
                throw new IOException(uri + " is " + length + " bytes; the metadata says " + expectedSize);
            }
            fileStart = done;
            lastActivity = System.nanoTime();
            current = raw;
            return new BufferedInputStream(counted ? new Counting(raw, uri, expectedSize) : new Checked(raw));
        }

        /** Sends a GET and waits for the response headers, giving up on Cancel or after the read timeout. */
        private HttpResponse<InputStream> send(URI uri) throws IOException {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT).GET().build();
            CompletableFuture<HttpResponse<InputStream>> sent =
                    Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            while (true) {
                if (cancellation.isCancelled()) {
                    sent.cancel(true);
                    throw new Cancelled();
                }
                try {
                    return sent.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll cancellation again
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(TorchScriptEmbedder.rootMessage(e), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    sent.cancel(true);
                    throw new Cancelled();
                }
            }
        }

        void finishFile(long expectedSize) throws IOException {
            current = null;
            long received = done - fileStart;
            if (expectedSize > 0 && received != expectedSize) {
                throw new IOException("received " + received + " bytes of a " + expectedSize + "-byte file");
            }
            report(true);
        }

        private void checkCancelled() throws Cancelled {
            if (cancellation.isCancelled()) {
                throw new Cancelled();
            }
        }

        /** After a read failed or ended: was that our own doing (Cancel, or the idle watchdog)? */
        private void explainInterruptedRead() throws IOException {
            checkCancelled();
            if (stalled) {
                throw new SocketTimeoutException("no data for " + READ_TIMEOUT.toSeconds() + " s");
            }
        }

        private void report(boolean force) {
            long step = total > 0 ? Math.max(1, Math.min(MAX_REPORT_STEP, total / 100)) : MAX_REPORT_STEP;
            if (force ? done != reported : done - reported >= step) {
                reported = done;
                listener.onProgress(done, total);
            }
        }

        @Override
        public void close() {
            watcher.shutdownNow();
            current = null;
        }

        /** Checks cancellation on every read, so a cancelled transfer stops even between reports. */
        private class Checked extends FilterInputStream {
            Checked(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                checkCancelled();
                int n;
                try {
                    n = in.read(b, off, len);
                } catch (IOException e) {
                    explainInterruptedRead();
                    throw e;
                }
                if (n < 0) {
                    explainInterruptedRead(); // a stream closed by Cancel may read as a plain end
                }
                lastActivity = System.nanoTime();
                return n;
            }
        }

        /** Also counts the bytes, reports progress, and says how far a broken transfer got. */
        private final class Counting extends Checked {
            private final URI uri;
            private final long expectedSize;

            Counting(InputStream in, URI uri, long expectedSize) {
                super(in);
                this.uri = uri;
                this.expectedSize = expectedSize;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (Cancelled e) {
                    throw e;
                } catch (IOException e) {
                    throw new IOException("the connection broke after " + (done - fileStart) + " of "
                            + (expectedSize > 0 ? expectedSize + " bytes" : "the bytes") + " of " + uri
                            + " (" + e.getMessage() + ")", e);
                }
                if (n > 0) {
                    done += n;
                    report(false);
                } else if (n < 0 && expectedSize > 0 && done - fileStart < expectedSize) {
                    throw new IOException("the connection broke after " + (done - fileStart) + " of " + expectedSize
                            + " bytes of " + uri + " (the server closed it)");
                }
                return n;
            }
        }
    }

    /** One HTTP client for all downloads, made on first use; it follows redirects and the system's proxy settings. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .build();
    }
}
