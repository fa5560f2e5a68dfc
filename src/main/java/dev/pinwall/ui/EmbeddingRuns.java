package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexProgress;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Schedules embedding runs over the current library: one at a time (a new request cancels the running one and
 * starts when it has stopped), progress for the status bar, and resources that may only close once the run using
 * them has stopped. Worker-thread events reach the UI thread in batches. UI thread only.
 */
public final class EmbeddingRuns {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingRuns.class);
    private static final long RELATED_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TaskExecutor tasks;
    private final Executor ui;
    private final StatusViewModel status;
    private final RelatedViewModel related;
    private final ObservableMap<Path, String> failures;
    private final Supplier<Library> library;
    private final Supplier<String> modelName;

    private final ReadOnlyBooleanWrapper indexing = new ReadOnlyBooleanWrapper(this, "indexing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyObjectWrapper<IndexReport> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private Run run;
    private boolean wanted;
    private boolean stoppedByUser;
    private IndexProgress lastProgress;

    /**
     * @param library   the library a run embeds (read when the run starts, and to tell a superseded run)
     * @param modelName the model's name for the summary line
     */
    EmbeddingRuns(TaskExecutor tasks, Executor ui, StatusViewModel status, RelatedViewModel related,
                  ObservableMap<Path, String> failures, Supplier<Library> library, Supplier<String> modelName) {
        this.tasks = tasks;
        this.ui = ui;
        this.status = status;
        this.related = related;
        this.failures = failures;
        this.library = library;
        this.modelName = modelName;
    }

    /** Starts a run now, or once the running one has stopped (two runs never share a library). */
    void request() {
        if (run != null) {
            wanted = true;
            run.task.cancel();
            return;
        }
        Library lib = library.get();
        if (lib == null) {
            return;
        }
        wanted = false;
        stoppedByUser = false;
        canResume.set(false);
        lastProgress = null;
        Run thisRun = new Run(lib);
        run = thisRun;
        indexing.set(true);
        progress.set(-1);
        progressText.set("Preparing…");
        thisRun.task = BackgroundTask.wrap(cancellation -> lib.index(thisRun.listener, cancellation))
                .onSuccess(report -> {
                    thisRun.listener.drain();
                    report.failed().forEach(failures::putIfAbsent);
                    lastReport.set(report);
                    status.show(summary(report));
                    // the panel may have been filled while only part of the collection had vectors
                    related.refresh();
                })
                .onCancelled(() -> {
                    thisRun.listener.drain();
                    if (!wanted) {
                        // no time left: nothing is running any more
                        status.show("Embedding stopped" + (lastProgress == null ? "" : String.format(Locale.ROOT,
                                " at %,d / %,d", lastProgress.done(), lastProgress.total()))
                                + " — what is done is kept; Embedding › Resume continues");
                    }
                })
                .onFailure(error -> {
                    LOG.error("Embedding failed", error);
                    status.problem("Embedding failed: " + RelatedViewModel.describe(error));
                })
                .onFinished(() -> {
                    run = null;
                    indexing.set(false);
                    progressText.set("");
                    canResume.set(stoppedByUser && !wanted && library.get() != null);
                    thisRun.afterStop.forEach(this::closeLater);
                    if (wanted) {
                        request();
                    }
                });
        tasks.execute(thisRun.task);
    }

    /** The user's Stop: ends the running run, keeping what is embedded; {@link #resume()} carries on. */
    public void stop() {
        if (run != null) {
            stoppedByUser = true;
        }
        halt();
    }

    /** Continues a run the user stopped: embeds what the store does not hold yet. */
    public void resume() {
        if (canResume.get() && run == null) {
            request();
        }
    }

    /** Ends the running run for the window's own reasons (a switch or close): nothing to resume. */
    void halt() {
        wanted = false;
        canResume.set(false);
        if (run != null) {
            run.task.cancel();
        }
    }

    /** Closes {@code resource} once the run using it has stopped, or now when none is running. */
    void retire(AutoCloseable resource) {
        if (run != null) {
            run.afterStop.add(resource);
        } else {
            closeLater(resource);
        }
    }

    /** Closes {@code resource} in the background. */
    void closeLater(AutoCloseable resource) {
        BackgroundTask.wrap(() -> {
            resource.close();
            return null;
        }).onFailure(error -> LOG.warn("Closing {} failed", resource, error)).executeWith(tasks);
    }

    private String summary(IndexReport report) {
        String duplicates = report.duplicates() > 0
                ? String.format(Locale.ROOT, ", %,d duplicates", report.duplicates()) : "";
        String text = String.format(Locale.ROOT, "%,d photos embedded with %s (%,d new, %,d from cache%s)",
                report.indexed(), modelName.get(), report.added(), report.cached(), duplicates);
        if (!report.failed().isEmpty()) {
            text += String.format(Locale.ROOT, "; %,d could not be read", report.failed().size());
        }
        if (report.added() > 0 && report.imagesPerSecond() > 0) {
            text += String.format(Locale.ROOT, " — %.1f images/s", report.imagesPerSecond());
        }
        return text;
    }

    static String describeProgress(IndexProgress p) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d / %,d", p.done(), p.total()));
        if (p.imagesPerSecond() > 0) {
            text.append(String.format(Locale.ROOT, " · %.1f img/s", p.imagesPerSecond()));
        }
        if (p.timeLeft() != null && p.done() < p.total()) {
            text.append(" · ").append(describe(p.timeLeft())).append(" left");
        }
        return text.toString();
    }

    static String describe(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    public ReadOnlyBooleanProperty indexingProperty() {
        return indexing.getReadOnlyProperty();
    }

    public boolean isIndexing() {
        return indexing.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** True after the user stopped a run that had work left, until it resumes or another run starts. */
    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** One run: its task, the resources to close when it stops, and its listener. */
    private final class Run {
        final Library library;
        final List<AutoCloseable> afterStop = new ArrayList<>();
        final RunListener listener = new RunListener(this);
        BackgroundTask<IndexReport> task;

        Run(Library library) {
            this.library = library;
        }
    }

    /**
     * Hears a run on worker threads and hands its events to the UI thread in batches, so 44,000 photos do not
     * mean 44,000 separate UI updates.
     */
    private final class RunListener implements IndexListener {
        private final Run owner;
        private final AtomicReference<IndexProgress> latest = new AtomicReference<>();
        private final ConcurrentLinkedQueue<Photo> embedded = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Map.Entry<Photo, String>> failed = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private int sinceRefresh;
        private long lastRefresh = System.nanoTime();

        RunListener(Run owner) {
            this.owner = owner;
        }

        @Override
        public void onProgress(IndexProgress p) {
            latest.set(p);
            schedule();
        }

        @Override
        public void onEmbedded(Photo photo) {
            embedded.add(photo);
            schedule();
        }

        @Override
        public void onFailed(Photo photo, String reason) {
            failed.add(Map.entry(photo, reason));
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                ui.execute(this::drain);
            }
        }

        /** UI thread: applies what arrived since the last drain, unless the run has been superseded. */
        void drain() {
            scheduled.set(false);
            boolean current = run == owner && owner.library == library.get();
            IndexProgress p = latest.getAndSet(null);
            if (current && p != null) {
                lastProgress = p;
                progress.set(p.total() == 0 ? -1 : p.fraction());
                progressText.set(describeProgress(p));
            }
            Map<Path, String> newFailures = new LinkedHashMap<>();
            for (Map.Entry<Photo, String> f; (f = failed.poll()) != null; ) {
                newFailures.put(f.getKey().path(), f.getValue());
                if (current) {
                    related.photoFailed(f.getKey(), f.getValue());
                }
            }
            if (current) {
                failures.putAll(newFailures);
            }
            int arrived = 0;
            for (Photo photo; (photo = embedded.poll()) != null; ) {
                arrived++;
                if (current) {
                    related.photoEmbedded(photo);
                }
            }
            // a panel filled early in a long run only saw part of the collection: refresh it now and then
            sinceRefresh += arrived;
            long now = System.nanoTime();
            if (current && sinceRefresh > 0 && now - lastRefresh > RELATED_REFRESH_NANOS
                    && (related.getState() == RelatedViewModel.State.READY
                    || related.getState() == RelatedViewModel.State.NOTHING_FOUND)) {
                sinceRefresh = 0;
                lastRefresh = now;
                related.refresh();
            }
        }
    }
}
