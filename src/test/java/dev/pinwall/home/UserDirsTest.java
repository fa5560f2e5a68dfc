package dev.pinwall.home;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The XDG folders for injected environments; the real environment is never read or changed. */
class UserDirsTest {
    @Test
    void dataFollowsPinwallHomeThenXdgThenHomeThenUserHome() {
        assertThat(UserDirs.of(Map.of("PINWALL_HOME", "/p", "XDG_DATA_HOME", "/x", "HOME", "/h"), "/u").data())
                .isEqualTo(Path.of("/p"));
        assertThat(UserDirs.of(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"), "/u").data())
                .isEqualTo(Path.of("/x/pinwall"));
        assertThat(UserDirs.of(Map.of("XDG_DATA_HOME", "relative", "HOME", "/h"), "/u").data())
                .as("a relative XDG path is ignored").isEqualTo(Path.of("/h/.local/share/pinwall"));
        assertThat(UserDirs.of(Map.of("HOME", "/h"), "/u").data())
                .as("HOME wins over the account's user.home").isEqualTo(Path.of("/h/.local/share/pinwall"));
        assertThat(UserDirs.of(Map.of("PINWALL_HOME", " "), "/u").data()).isEqualTo(Path.of("/u/.local/share/pinwall"));
    }

    @Test
    void configFollowsXdgThenHomeThenUserHome() {
        assertThat(UserDirs.of(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/h"), "/u").config())
                .isEqualTo(Path.of("/x/cfg/pinwall"));
        assertThat(UserDirs.of(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/h"), "/u").config())
                .isEqualTo(Path.of("/h/.config/pinwall"));
        assertThat(UserDirs.of(Map.of("HOME", "/h", "XDG_DATA_HOME", "/x"), "/u").config())
                .isEqualTo(Path.of("/h/.config/pinwall"));
        assertThat(UserDirs.of(Map.of(), "/u").config()).isEqualTo(Path.of("/u/.config/pinwall"));
    }
}
