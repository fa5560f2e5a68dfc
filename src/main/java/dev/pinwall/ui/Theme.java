package dev.pinwall.ui;

import javafx.application.Application;
import javafx.scene.Scene;

import java.net.URL;

/**
 * The look: AtlantaFX's Primer Light stylesheet plus Pinwall's own.
 * AtlantaFX 2.1.0's classes are compiled for Java 21, so on Java 17 the theme is applied from its bundled
 * stylesheet resource and its style classes are used by name; no AtlantaFX class is ever loaded.
 */
final class Theme {
    static final String PRIMER_LIGHT = "/atlantafx/base/theme/primer-light.css";

    private Theme() {
    }

    /** Sets the user-agent stylesheet (falls back to Modena when the theme jar is missing). */
    static void applyUserAgent() {
        URL primer = Theme.class.getResource(PRIMER_LIGHT);
        if (primer != null) {
            Application.setUserAgentStylesheet(primer.toExternalForm());
        }
    }

    static void style(Scene scene) {
        scene.getStylesheets().add(Theme.class.getResource("pinwall.css").toExternalForm());
    }
}
