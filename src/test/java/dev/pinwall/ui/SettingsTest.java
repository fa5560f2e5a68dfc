package dev.pinwall.ui;

import dev.pinwall.home.UserDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings file without a UI toolkit: where it lives, what it keeps, how it is written. */
class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void fileLivesInTheXdgConfigFolder() {
        assertThat(Settings.defaultFile(UserDirs.of(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/h"), "/u")))
                .isEqualTo(Path.of("/x/cfg/pinwall", Settings.FILE_NAME));
        assertThat(Settings.defaultFile(UserDirs.of(Map.of("HOME", "/h"), "/u")))
                .isEqualTo(Path.of("/h/.config/pinwall", Settings.FILE_NAME));
    }

    @Test
    void valuesSurviveASaveAndAReload() throws IOException {
        Path file = dir.resolve("cfg").resolve("pinwall").resolve(Settings.FILE_NAME);
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Settings settings = new Settings(file);
        assertThat(settings.zoom()).isEmpty();
        assertThat(settings.window()).isEmpty();

        settings.setZoom(212.5);
        settings.setDivider(0.61);
        settings.setWindow(new Settings.WindowPlacement(30, 40, 1280, 760, true));
        assertThat(settings.similarity()).isEmpty();
        settings.setSimilarity(dev.pinwall.similarity.SimilarityMode.PLAIN);
        settings.rememberFolder(folder);

        Settings again = new Settings(file);
        assertThat(again.zoom()).hasValue(212.5);
        assertThat(again.divider()).hasValue(0.61);
        assertThat(again.window()).contains(new Settings.WindowPlacement(30, 40, 1280, 760, true));
        assertThat(again.lastFolder()).contains(folder.toAbsolutePath());
        assertThat(again.similarity()).contains(dev.pinwall.similarity.SimilarityMode.PLAIN);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void badValuesAreIgnoredAndAMissingFolderIsForgotten() throws IOException {
        Path file = dir.resolve(Settings.FILE_NAME);
        Files.writeString(file, "wall.cellWidth=wide\nsplit.divider=NaN\nrelated.similarity=FANCY\nlastFolder=" + dir.resolve("gone") + "\n");

        Settings settings = new Settings(file);

        assertThat(settings.zoom()).isEmpty();
        assertThat(settings.divider()).isEmpty();
        assertThat(settings.lastFolder()).isEmpty();
        assertThat(settings.similarity()).isEmpty();
    }
}
