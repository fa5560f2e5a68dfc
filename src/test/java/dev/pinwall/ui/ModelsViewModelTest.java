package dev.pinwall.ui;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.ScriptedTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The model selector while a download is held at each step by the scripted executor. */
class ModelsViewModelTest {
    @TempDir
    Path dir;
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private EmbeddingStore store;
    private PinwallViewModel model;

    private ModelsViewModel models() {
        store = TestStores.open(dir);
        model = new PinwallViewModel(tasks, tasks.ui(), TestCatalog.of(ColourEmbedder::fast).withDownload(), store,
                opened -> { });
        model.start(TestPhotos.colourFolder(dir.resolve("photos")), null);
        tasks.runAll();
        return model.models();
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
            tasks.runAll();
        }
        if (store != null) {
            store.close();
        }
    }

    private ModelChoice choice(String id) {
        return model.models().getModels().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aDownloadShowsItsStartItsFiguresAndThenTheModelIsListedAsAvailable() {
        ModelsViewModel models = models();
        assertThat(models.busyProperty().get()).isFalse();
        assertThat(choice("big").downloadable()).isTrue();

        models.pick(choice("big"));
        assertThat(models.busyProperty().get()).isTrue();
        assertThat(models.downloadingProperty().get().id()).isEqualTo("big");
        assertThat(models.downloadTextProperty().get()).isEqualTo("Starting…");
        assertThat(models.downloadProgressProperty().get()).isEqualTo(-1.0);
        assertThat(model.status().getStatus()).isEqualTo("Downloading Big model…");

        models.pick(choice("missing"));
        assertThat(model.status().getNotice())
                .isEqualTo("Downloading Big model — cancel it before picking another model");
        assertThat(tasks.pendingOrigins()).doesNotContain("PinwallViewModel.switchModel");

        ScriptedTaskExecutor.Scripted download = tasks.take("startDownload").work();
        tasks.flushUi();
        assertThat(models.downloadProgressProperty().get()).isEqualTo(1.0);
        assertThat(models.downloadTextProperty().get()).isEqualTo("3.0 MB / 3.0 MB");

        download.deliver();
        assertThat(model.status().getStatus()).as("switching to it at once").isEqualTo("Loading Big model…");
        assertThat(tasks.pendingOrigins()).contains("PinwallViewModel.switchModel");
        assertThat(models.busyProperty().get()).isFalse();
        ModelChoice big = choice("big");
        assertThat(big.available()).isTrue();
        assertThat(big.downloadable()).isFalse();
        assertThat(models.getModels()).filteredOn(m -> m.id().equals("big")).hasSize(1);
        tasks.runAll();
        assertThat(models.modelProperty().get().id()).isEqualTo("big");
        assertThat(models.currentName()).isEqualTo("Big model");
    }

    @Test
    void pickingTheModelInUseOrNothingDoesNothing() {
        ModelsViewModel models = models();
        models.pick(null);
        models.pick(choice("colour"));
        assertThat(tasks.pending()).isEmpty();
        assertThat(model.status().getNotice()).isNull();
    }

    @Test
    void labelsSayWhatPickingDoes() {
        assertThat(ModelsViewModel.label(new ModelChoice("a", "Model A", true, ""))).isEqualTo("Model A");
        assertThat(ModelsViewModel.label(new ModelChoice("b", "Model B", false, "missing")))
                .isEqualTo("Model B — unavailable");
        assertThat(ModelsViewModel.label(new ModelChoice("c", "Model C", false, "", true, 0)))
                .isEqualTo("Model C — download");
        assertThat(ModelsViewModel.label(new ModelChoice("d", "Model D", false, "", true, 1)))
                .isEqualTo("Model D — download (1 B)");
    }

    @Test
    void anUnavailableModelWithoutAReasonSaysItIsNotAvailableHere() {
        ModelsViewModel models = models();
        models.pick(new ModelChoice("x", "Model X", false, " "));
        assertThat(model.status().getNotice()).isEqualTo("Model X cannot be used: it is not available here");
    }
}
