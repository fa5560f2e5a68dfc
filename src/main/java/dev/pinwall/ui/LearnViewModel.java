package dev.pinwall.ui;

import dev.pinwall.learn.Projection;
import dev.pinwall.learn.ProjectionTrainer;
import dev.pinwall.library.TrainingSet;
import dev.pinwall.library.Library;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * "Learn from labels": when the open collection has product labels ({@code styles.csv} articleType), learns a
 * projection from them in the background (progress, Cancel), applies it to the library and saves it under
 * {@code projections/} keyed by folder and model, so reopening the folder with the same model uses it again.
 * {@link #useProjectionProperty()} turns it off and on. UI thread only; the work runs on {@code tasks}.
 */
final class LearnViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LearnViewModel.class);
    static final String COLUMN = "articleType";

    private final TaskExecutor tasks;
    private final Executor ui;
    private final RelatedViewModel related;
    private final Path projectionsDir;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper learned = new ReadOnlyBooleanWrapper(this, "learned");
    private final BooleanProperty useProjection = new SimpleBooleanProperty(this, "useProjection");
    private Library library;
    private Projection projection;
    private BackgroundTask<?> training;
    private boolean quiet; // set while the view-model itself changes useProjection

    LearnViewModel(TaskExecutor tasks, Executor ui, RelatedViewModel related, Path projectionsDir) {
        this.tasks = tasks;
        this.ui = ui;
        this.related = related;
        this.projectionsDir = projectionsDir;
        useProjection.addListener((obs, was, is) -> {
            if (!quiet) {
                apply(is);
            }
        });
    }

    /** The file a collection's projection is saved in: one per folder and model. */
    static Path fileFor(Path projectionsDir, Path folder, String storeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((folder.toAbsolutePath().normalize() + "\n" + storeKey).getBytes(StandardCharsets.UTF_8));
            return projectionsDir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".bin");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }

    /**
     * The library now open (another folder or model; null when none). A learning run for the previous one is
     * cancelled; a projection saved for this folder and model is loaded and applied.
     */
    void setLibrary(Library next) {
        if (training != null) {
            training.cancel();
        }
        library = next;
        projection = null;
        learned.set(false);
        setQuietly(false);
        message.set("");
        available.set(next != null && next.photos().stream()
                .anyMatch(p -> p.info() != null && !p.info().articleType().isBlank()));
        if (next == null) {
            return;
        }
        Path file = fileFor(projectionsDir, next.folder(), next.embedderInfo().storeKey());
        BackgroundTask.wrap(() -> {
                    if (!Files.isRegularFile(file)) {
                        return (Projection) null;
                    }
                    Projection saved = Projection.load(file);
                    if (!saved.storeKey().equals(next.embedderInfo().storeKey())) {
                        return null; // learned for another model: never applied
                    }
                    next.setProjection(saved);
                    return saved;
                })
                .onSuccess(saved -> {
                    if (saved != null && next == library) {
                        projection = saved;
                        learned.set(true);
                        setQuietly(true);
                        message.set("Using what was learned from " + saved.trainedOn() + " labelled photos");
                        related.refresh();
                    }
                })
                .onFailure(error -> LOG.warn("Cannot read the saved projection {}", file, error))
                .executeWith(tasks);
    }

    /** Learns from the collection's labels, then uses and saves the result. */
    void learn() {
        Library lib = library;
        if (lib == null || running.get()) {
            return;
        }
        running.set(true);
        progress.set(0);
        message.set("Learning from labels…");
        Path file = fileFor(projectionsDir, lib.folder(), lib.embedderInfo().storeKey());
        BackgroundTask<Projection> task = BackgroundTask.wrap(cancellation -> {
            TrainingSet set = TrainingSet.fromProductInfo(lib, COLUMN);
            Projection p = ProjectionTrainer.train(set.vectors(), set.labels(), lib.embedderInfo(), COLUMN,
                    ProjectionTrainer.Settings.defaults(),
                    step -> ui.execute(() -> {
                        if (!cancellation.isCancelled()) { // a superseded run's late progress is dropped
                            progress.set(step.fraction());
                        }
                    }), cancellation);
            cancellation.throwIfCancelled();
            lib.setProjection(p);
            Files.createDirectories(projectionsDir);
            p.save(file);
            return p;
        });
        training = task;
        task.onSuccess(p -> {
                    if (lib != library) {
                        return;
                    }
                    projection = p;
                    learned.set(true);
                    setQuietly(true);
                    message.set(String.format(Locale.ROOT, "Learned from %d photos with %d labels", p.trainedOn(),
                            p.classes()));
                    related.refresh();
                })
                .onFailure(error -> {
                    LOG.warn("Cannot learn from labels", error);
                    message.set("Cannot learn from labels: " + RelatedViewModel.describe(error));
                })
                .onCancelled(() -> {
                    // not when another folder is open, nor over a run started after this one was cancelled
                    if (lib == library && training == task) {
                        message.set("Learning cancelled");
                    }
                })
                .onFinished(() -> {
                    if (training == task) {
                        running.set(false);
                        training = null;
                    }
                })
                .executeWith(tasks);
    }

    /** Stops a learning run; the library stays as it was. */
    void cancel() {
        if (training != null) {
            training.cancel();
            // a cancelled task reports nothing more: end the run here
            running.set(false);
            training = null;
            message.set("Learning cancelled");
        }
    }

    private void apply(boolean use) {
        Library lib = library;
        Projection p = projection;
        if (lib == null || p == null) {
            return;
        }
        BackgroundTask.wrap(() -> lib.setProjection(use ? p : null))
                .onSuccess(done -> {
                    if (lib == library) {
                        related.refresh();
                    }
                })
                .onFailure(error -> message.set("Cannot apply what was learned: " + RelatedViewModel.describe(error)))
                .executeWith(tasks);
    }

    private void setQuietly(boolean value) {
        quiet = true;
        try {
            useProjection.set(value);
        } finally {
            quiet = false;
        }
    }

    /** Whether the open collection has labels to learn from. */
    ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The current training stage's fraction done, 0 to 1. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether a projection was learned (or loaded) for this collection and model. */
    ReadOnlyBooleanProperty learnedProperty() {
        return learned.getReadOnlyProperty();
    }

    /** Whether Related uses the learned projection. */
    BooleanProperty useProjectionProperty() {
        return useProjection;
    }
}
