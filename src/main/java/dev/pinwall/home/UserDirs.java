package dev.pinwall.home;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The user's Pinwall folders, following the XDG base directory spec: data (store, logs, user models) in
 * {@code $PINWALL_HOME}, else {@code $XDG_DATA_HOME/pinwall}, else {@code $HOME/.local/share/pinwall}; settings in
 * {@code $XDG_CONFIG_HOME/pinwall}, else {@code $HOME/.config/pinwall}. The {@code user.home} system property (the
 * account's home, whatever {@code HOME} says) is used only when {@code HOME} is unset. Relative XDG paths are
 * ignored, as the spec says. The environment is injected, so tests never touch the real one.
 *
 * @param env      looks up an environment variable (null when unset)
 * @param userHome the {@code user.home} fallback
 */
public record UserDirs(UnaryOperator<String> env, String userHome) {

    /** The folders of this process: its environment and {@code user.home}. */
    public static UserDirs current() {
        return new UserDirs(System::getenv, System.getProperty("user.home"));
    }

    /** The folders for a given environment (tests). */
    public static UserDirs of(Map<String, String> env, String userHome) {
        return new UserDirs(env::get, userHome);
    }

    /** Where the store, logs and the user's models live. */
    public Path data() {
        String pinwallHome = env.apply("PINWALL_HOME");
        if (pinwallHome != null && !pinwallHome.isBlank()) {
            return Path.of(pinwallHome).toAbsolutePath();
        }
        return xdg("XDG_DATA_HOME", Path.of(".local", "share"));
    }

    /** Where the settings files live. */
    public Path config() {
        return xdg("XDG_CONFIG_HOME", Path.of(".config"));
    }

    private Path xdg(String variable, Path underHome) {
        String xdg = env.apply(variable);
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pinwall");
        }
        String home = env.apply("HOME");
        String base = home != null && !home.isBlank() ? home : userHome;
        return Path.of(base).resolve(underHome).resolve("pinwall");
    }
}
