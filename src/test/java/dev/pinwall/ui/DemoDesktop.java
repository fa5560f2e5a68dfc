package dev.pinwall.ui;

/**
 * The desktop with the mean-colour test embedder instead of a network: for looking at the UI (and taking
 * {@code --screenshot}s) without model files. Same options as {@link Desktop#launch(String[])}.
 */
public final class DemoDesktop {
    private DemoDesktop() {
    }

    public static void main(String[] args) {
        Desktop.launch(args, options -> TestCatalog.of(ColourEmbedder::fast));
    }
}
