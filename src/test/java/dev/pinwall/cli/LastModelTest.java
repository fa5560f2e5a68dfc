package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A folder keeps the model last named for it with --model; the command says so on stderr. */
class LastModelTest {
    private static final String BUILT_IN = "Built-in colour/texture descriptor";

    @TempDir
    Path dir;
    private Path folder;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        TestImages.solid(folder.resolve("1.png"), Color.RED);
        TestImages.solid(folder.resolve("2.png"), Color.BLUE);
    }

    @Test
    void aLaterCommandWithoutModelUsesTheOneLastNamedForTheFolderAndSaysWhy() {
        CliRun index = CliRun.of("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(index.code()).as(index.err()).isZero();

        CliRun similar = CliRun.of("similar", folder.resolve("1.png").toString(), "--store", store.toString());

        assertThat(similar.code()).as(similar.err()).isZero();
        assertThat(similar.err()).contains("model: " + BUILT_IN + " (last used for " + folder
                + "; choose another with --model)");
        assertThat(similar.out()).isNotEmpty();
        assertThat(dir.resolve(LastModels.FILE_NAME)).content().contains("builtin");
    }

    @Test
    void anotherFolderStillGetsTheDefault() {
        CliRun.of("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        Path other = dir.resolve("other");
        TestImages.solid(other.resolve("1.png"), Color.GREEN);

        CliRun index = CliRun.of("index", other.toString(), "--store", store.toString());

        assertThat(index.code()).as(index.err()).isZero();
        assertThat(index.err()).contains("(default: ").doesNotContain("last used");
    }

    @Test
    void aRememberedModelThatNoLongerLoadsIsSaidAndTheDefaultIsUsed() throws Exception {
        Files.writeString(dir.resolve(LastModels.FILE_NAME),
                folder.toAbsolutePath().toString().replace("\\", "\\\\").replace(":", "\\:") + "=" + dir.resolve("gone.pt") + "\n");

        CliRun index = CliRun.of("index", folder.toString(), "--store", store.toString());

        assertThat(index.code()).as(index.err()).isZero();
        assertThat(index.err()).contains("note: the model last used for " + folder + " (" + dir.resolve("gone.pt")
                + ") cannot be used any more").contains("(default: ");
    }

    @Test
    void remembersPerFolderWhateverItIsCalledAndNamesAsGiven() {
        LastModels last = new LastModels(dir.resolve("state"));
        Path model = TestImages.solid(dir.resolve("model.png"), Color.RED); // any existing file stands for a model
        Path other = dir.resolve("other");

        assertThat(last.remember(folder, model.toString())).isEmpty();
        assertThat(last.remember(other, "builtin")).isEmpty();

        assertThat(last.lastFor(dir.resolve("x").resolve("..").resolve("photos"))).contains(model.toString());
        assertThat(last.lastFor(other)).contains("builtin");
        assertThat(last.lastFor(dir.resolve("elsewhere"))).isEmpty();
    }
}
