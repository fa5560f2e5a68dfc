package dev.pinwall.ui;

import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop keeps JavaFX's class-path notice off the console, and nothing else of JavaFX's. */
class DesktopTest {
    @Test
    void dropsOnlyTheClassPathNotice() {
        Desktop.quietClassPathNotice();
        Logger javafx = Logger.getLogger("javafx");

        assertThat(javafx.getFilter()).isNotNull();
        assertThat(javafx.getFilter().isLoggable(new LogRecord(Level.WARNING,
                "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1b2c3d'"))).isFalse();
        assertThat(javafx.getFilter().isLoggable(new LogRecord(Level.WARNING, "Something JavaFX wants said")))
                .isTrue();
    }
}
