package dev.pinwall.ui;

import dev.pinwall.embed.DownloadListener;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static dev.pinwall.embed.ZooDownloader.formatBytes;

/**
 * The toolbar's model selector: the models on offer (each once), the one in use, and what picking one does:
 * switch to it, download it first (with progress and Cancel), or say why it cannot be used. Opening the picked
 * model and reopening the folder with it is the window's job, handed in as {@code switchTo}. UI thread only.
 */
public final class ModelsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ModelsViewModel.class);

    private final TaskExecutor tasks;
    private final Executor ui;
    private final EmbedderCatalog catalog;
    private final StatusViewModel status;
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ReadOnlyObjectWrapper<ModelChoice> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<ModelChoice> downloading = new ReadOnlyObjectWrapper<>(this, "downloading");
    private final ReadOnlyDoubleWrapper downloadProgress = new ReadOnlyDoubleWrapper(this, "downloadProgress", -1);
    private final ReadOnlyStringWrapper downloadText = new ReadOnlyStringWrapper(this, "downloadText", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Consumer<ModelChoice> switchTo = choice -> { };
    private BackgroundTask<Void> download;

    ModelsViewModel(TaskExecutor tasks, Executor ui, EmbedderCatalog catalog, StatusViewModel status) {
        this.tasks = tasks;
        this.ui = ui;
        this.catalog = catalog;
        this.status = status;
        busy.bind(downloading.isNotNull());
    }

    /** Who opens a picked model (set once by the window's view-model). */
    void onSwitch(Consumer<ModelChoice> switcher) {
        this.switchTo = switcher;
    }

    /** The catalog's list, each id once (the first wins). */
    void setChoices(List<ModelChoice> choices) {
        Set<String> seen = new HashSet<>();
        List<ModelChoice> distinct = new ArrayList<>();
        for (ModelChoice choice : choices) {
            if (seen.add(choice.id())) {
                distinct.add(choice);
            }
        }
        models.setAll(distinct);
    }

    /**
     * Marks the model of {@code opened} as the one in use. A fallback may report the embedder's own id rather
     * than the listed one: it is then matched by name, and only added when the list has no such model.
     */
    void use(EmbedderCatalog.Opened opened) {
        String name = opened.embedder().info().displayName();
        ModelChoice chosen = models.stream().filter(m -> m.id().equals(opened.choiceId())).findFirst()
                .or(() -> models.stream().filter(m -> m.available() && m.displayName().equals(name)).findFirst())
                .orElseGet(() -> new ModelChoice(opened.choiceId(), name, true, ""));
        if (!models.contains(chosen)) {
            models.add(chosen);
        }
        model.set(chosen);
    }

    /** The user picked {@code choice} in the selector. */
    public void pick(ModelChoice choice) {
        if (choice == null || (model.get() != null && model.get().id().equals(choice.id()))) {
            return;
        }
        if (downloading.get() != null) {
            status.problemNotice("Downloading " + downloading.get().displayName()
                    + " — cancel it before picking another model");
            return;
        }
        if (choice.downloadable()) {
            startDownload(choice);
            return;
        }
        if (!choice.available()) {
            status.problemNotice(choice.displayName() + " cannot be used: "
                    + (choice.reason().isBlank() ? "it is not available here" : choice.reason()));
            return;
        }
        switchTo.accept(choice);
    }

    /** Stops the running download; the model in use stays. */
    public void cancelDownload() {
        if (download != null) {
            download.cancel();
        }
    }

    private void startDownload(ModelChoice choice) {
        downloading.set(choice);
        downloadProgress.set(-1);
        downloadText.set("Starting…");
        status.show("Downloading " + choice.displayName() + "…");
        Progress progress = new Progress();
        BackgroundTask<Void> task = BackgroundTask.wrap(cancellation -> {
            catalog.download(choice.id(), progress, cancellation);
            return null;
        });
        download = task;
        progress.task = task;
        task.onSuccess(done -> {
                    ModelChoice ready = new ModelChoice(choice.id(), choice.displayName(), true, choice.reason());
                    int at = models.indexOf(choice);
                    if (at >= 0) {
                        models.set(at, ready);
                    }
                    status.show("Downloaded " + choice.displayName());
                    switchTo.accept(ready);
                })
                .onFailure(error -> {
                    LOG.warn("Download of {} failed", choice.id(), error);
                    status.problemNotice("Download of " + choice.displayName() + " failed: "
                            + RelatedViewModel.describe(error) + " — still using " + currentName());
                })
                .onCancelled(() -> status.notice("Download of " + choice.displayName()
                        + " cancelled — still using " + currentName()))
                .onFinished(() -> {
                    if (download == task) {
                        download = null;
                        downloading.set(null);
                    }
                })
                .executeWith(tasks);
    }

    /** Hears the download on its thread; hands the latest figures to the UI thread at most once per frame. */
    private final class Progress implements DownloadListener {
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong total = new AtomicLong(-1);
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private BackgroundTask<Void> task; // set on the UI thread before the download starts

        @Override
        public void onProgress(long bytesDone, long bytesTotal) {
            done.set(bytesDone);
            total.set(bytesTotal);
            if (scheduled.compareAndSet(false, true)) {
                ui.execute(this::show);
            }
        }

        private void show() {
            scheduled.set(false);
            if (download != task || task.isCancelled()) {
                return; // a cancelled or finished download's late figures would overwrite the next one's
            }
            long d = done.get();
            long t = total.get();
            downloadProgress.set(t > 0 ? Math.min(1, (double) d / t) : -1);
            downloadText.set(t > 0 ? formatBytes(d) + " / " + formatBytes(t) : formatBytes(d));
        }
    }

    /** What the selector shows for {@code choice}. */
    static String label(ModelChoice choice) {
        if (choice.downloadable()) {
            return choice.displayName() + " — download"
                    + (choice.downloadBytes() > 0 ? " (" + formatBytes(choice.downloadBytes()) + ")" : "");
        }
        return choice.available() ? choice.displayName() : choice.displayName() + " — unavailable";
    }


    /** The name of the model in use, for messages. */
    String currentName() {
        return model.get() == null ? "no model" : model.get().displayName();
    }

    public ObservableList<ModelChoice> getModels() {
        return modelsView;
    }

    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The model being downloaded, or null. */
    public ReadOnlyObjectProperty<ModelChoice> downloadingProperty() {
        return downloading.getReadOnlyProperty();
    }

    /** True while a download runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0–1, or -1 while the size is unknown. */
    public ReadOnlyDoubleProperty downloadProgressProperty() {
        return downloadProgress.getReadOnlyProperty();
    }

    /** "3.1 MB / 14.2 MB". */
    public ReadOnlyStringProperty downloadTextProperty() {
        return downloadText.getReadOnlyProperty();
    }
}
