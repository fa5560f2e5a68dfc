package dev.pinwall.ui;

import dev.pinwall.embed.DownloadListener;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.task.Cancellation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A catalog of test embedders, plus one unavailable model so the selector has something to refuse, and optionally
 * a downloadable one ({@link #withDownload}) whose fake download reports progress in chunks and can be held,
 * cancelled or made to fail.
 */
final class TestCatalog implements EmbedderCatalog {
    static final String DOWNLOAD_ID = "big";
    static final long DOWNLOAD_BYTES = 3_000_000;
    static final int CHUNKS = 10;

    /** How the fake download ends. */
    enum Outcome { SUCCEED, FAIL_HALFWAY }

    private final Map<String, Supplier<ColourEmbedder>> embedders;
    private final String defaultId;
    final List<ColourEmbedder> opened = new ArrayList<>();
    private final Map<String, Boolean> downloaded = new ConcurrentHashMap<>();
    private boolean downloadable;
    volatile Outcome outcome = Outcome.SUCCEED;
    /** Called after each chunk on the downloading thread (tests cancel from here). */
    volatile Runnable afterChunk = () -> { };
    /** The download waits here before its sixth chunk, so a test can look at the half-done state. */
    volatile CountDownLatch halfway = new CountDownLatch(0);
    private String fallbackFrom;

    TestCatalog(String defaultId, Map<String, Supplier<ColourEmbedder>> embedders) {
        this.defaultId = defaultId;
        this.embedders = embedders;
    }

    static TestCatalog of(Supplier<ColourEmbedder> embedder) {
        return new TestCatalog("colour", Map.of("colour", embedder));
    }

    /** Adds "Big model", listed as downloadable; once downloaded it opens as a colour embedder. */
    TestCatalog withDownload() {
        downloadable = true;
        return this;
    }

    /**
     * Makes the default open behave like the registry's fallback to its built-in model: the asked-for model
     * {@code missingId} fails and the default embedder is reported under its own id, not the listed one.
     */
    TestCatalog fallingBackFrom(String missingId) {
        fallbackFrom = missingId;
        return this;
    }

    @Override
    public List<ModelChoice> choices() {
        List<ModelChoice> out = new ArrayList<>();
        embedders.keySet().stream().sorted()
                .forEach(id -> out.add(new ModelChoice(id, displayName(id), true, "")));
        out.add(new ModelChoice("missing", "Missing model", false, "missing.pt not found"));
        if (downloadable) {
            boolean done = downloaded.containsKey(DOWNLOAD_ID);
            out.add(new ModelChoice(DOWNLOAD_ID, "Big model", done, done ? "" : "not downloaded yet", !done,
                    DOWNLOAD_BYTES));
        }
        return out;
    }

    private String displayName(String id) {
        return fallbackFrom != null && id.equals(defaultId)
                ? embedders.get(id).get().info().displayName() : "Colour " + id;
    }

    @Override
    public Opened openDefault(String explicitOrNull) throws EmbedException {
        if (fallbackFrom != null) {
            Opened fallback = open(defaultId);
            return new Opened(fallback.embedder(), fallback.embedder().info().id(),
                    List.of("model " + fallbackFrom + " could not be loaded; using " + defaultId));
        }
        return open(explicitOrNull == null ? defaultId : explicitOrNull);
    }

    @Override
    public synchronized Opened open(String choice) throws EmbedException {
        Supplier<ColourEmbedder> supplier = embedders.get(choice);
        if (supplier == null && downloaded.containsKey(choice)) {
            supplier = () -> new ColourEmbedder("downloaded-" + choice, 0, new CountDownLatch(0));
        }
        if (supplier == null) {
            throw new EmbedException(DOWNLOAD_ID.equals(choice) ? "Big model is not downloaded" : "No model " + choice);
        }
        ColourEmbedder embedder = supplier.get();
        opened.add(embedder);
        return new Opened(embedder, choice, List.of());
    }

    @Override
    public void download(String id, DownloadListener progress, Cancellation cancellation) throws EmbedException {
        if (!downloadable || !DOWNLOAD_ID.equals(id)) {
            throw new EmbedException("model " + id + " cannot be downloaded");
        }
        long chunk = DOWNLOAD_BYTES / CHUNKS;
        for (int i = 1; i <= CHUNKS; i++) {
            if (i == CHUNKS / 2 + 1) {
                try {
                    halfway.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbedException("interrupted", e);
                }
                if (outcome == Outcome.FAIL_HALFWAY) {
                    throw new EmbedException("connection closed after " + (i - 1) * chunk + " bytes");
                }
            }
            if (cancellation.isCancelled()) {
                throw new EmbedException("download cancelled");
            }
            progress.onProgress(i * chunk, DOWNLOAD_BYTES);
            afterChunk.run();
        }
        downloaded.put(id, true);
    }
}
