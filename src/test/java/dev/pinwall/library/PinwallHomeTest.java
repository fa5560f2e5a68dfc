package dev.pinwall.library;

import dev.pinwall.home.UserDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The user's models folder follows {@code $HOME}, not the account's {@code user.home}. */
class PinwallHomeTest {
    @TempDir
    Path dir;

    @Test
    void userModelsFolderFollowsHome() throws IOException {
        Path home = dir.resolve("home");
        Path models = Files.createDirectories(home.resolve(".local/share/pinwall/models"));
        Path account = Files.createDirectories(dir.resolve("account/.local/share/pinwall/models"));

        assertThat(PinwallHome.modelDirs(UserDirs.of(Map.of("HOME", home.toString()), dir.resolve("account").toString())))
                .contains(models).doesNotContain(account);
    }
}
