package dev.pinwall.cli;

import dev.pinwall.embed.BestQuality;
import dev.pinwall.embed.ColourTextureEmbedder;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexProgress;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.scan.ImageFiles;
import dev.pinwall.store.Stores;
import dev.pinwall.store.VectorStore;
import dev.pinwall.store.StoreException;
import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * What every command that touches a collection needs: the store, the chosen embedder, and an indexing run
 * that draws a progress bar on stderr. Closes all of it.
 */
final class CommandContext implements AutoCloseable {
    private final VectorStore store;
    private final ModelRegistry.Opened opened;
    private final PrintWriter err;

    private CommandContext(VectorStore store, ModelRegistry.Opened opened, PrintWriter err) {
        this.store = store;
        this.opened = opened;
        this.err = err;
    }

    /**
     * Opens the model and the store. A model named with {@code --model} loads or the command fails (a
     * {@link EmbedException}, so a non-zero exit), and is remembered for {@code folder}. Without {@code --model}, the
     * model last named for {@code folder} is used when it still loads; else the default, with a note. Either way
     * stderr says which model is used and why. With {@code bestQuality}, the model is wrapped as {@link BestQuality}
     * describes (each fallback noted).
     *
     * @param folder the collection the command works on, or null when it has none
     */
    static CommandContext open(String model, String storeSpec, PrintWriter err, boolean bestQuality, Path folder)
            throws StoreException, EmbedException {
        ModelRegistry registry = ModelRegistry.discover(PinwallHome.modelDirs());
        Embedder explicit = null;
        if (model != null) {
            try {
                explicit = registry.open(model);
            } catch (EmbedException e) {
                throw new EmbedException("--model " + model + " cannot be used: " + e.getMessage(), e);
            }
        }
        VectorStore store;
        try {
            store = Stores.open(storeSpec);
        } catch (StoreException | RuntimeException e) {
            if (explicit != null) {
                explicit.close();
            }
            throw e;
        }
        try {
            LastModels last = folder == null ? null : new LastModels(store.localFolder());
            ModelRegistry.Opened opened;
            String why;
            String used = model;
            if (explicit != null) {
                opened = new ModelRegistry.Opened(explicit, List.of());
                why = "chosen with --model";
                if (last != null) {
                    last.remember(folder, model).ifPresent(problem -> err.println("note: " + problem));
                }
            } else {
                Optional<String> remembered = last == null ? Optional.empty() : last.lastFor(folder);
                Embedder previous = null;
                List<String> notes = new ArrayList<>();
                if (remembered.isPresent()) {
                    try {
                        previous = registry.open(remembered.get());
                    } catch (EmbedException e) {
                        notes.add("the model last used for " + folder + " (" + remembered.get()
                                + ") cannot be used any more: " + e.getMessage() + "; using the default");
                    }
                }
                if (previous != null) {
                    opened = new ModelRegistry.Opened(previous, List.of());
                    used = remembered.get();
                    why = "last used for " + folder + "; choose another with --model";
                } else {
                    ModelRegistry.Opened fallback = registry.openDefault();
                    notes.addAll(fallback.notes());
                    opened = new ModelRegistry.Opened(fallback.embedder(), notes);
                    why = fallback.embedder() instanceof ColourTextureEmbedder
                            ? "default: no usable model file in " + PinwallHome.modelDirs()
                            : "default: first usable model file in " + PinwallHome.modelDirs() + "; choose with --model";
                }
            }
            if (bestQuality) {
                List<String> notes = new ArrayList<>(opened.notes());
                Optional<Path> file = used != null && Files.isRegularFile(Path.of(used)) ? Optional.of(Path.of(used))
                        : Optional.empty();
                opened = new ModelRegistry.Opened(
                        BestQuality.wrap(opened.embedder(), file, PinwallHome.modelDirs(), notes), notes);
            }
            opened.notes().forEach(note -> err.println("note: " + note));
            err.println("model: " + opened.embedder().info().displayName() + " (" + why + ")");
            store.salvage().ifPresent(salvage -> err.println("warning: " + salvage.message()));
            err.flush();
            return new CommandContext(store, opened, err);
        } catch (RuntimeException e) {
            if (explicit != null) {
                explicit.close();
            }
            store.close();
            throw e;
        }
    }

    /** Opens a folder; one without any image is an error rather than a silent "indexed 0". */
    Library library(Path folder) throws IOException {
        Library library = Library.open(folder, opened.embedder(), store);
        if (library.photos().isEmpty()) {
            throw new IOException("no images in " + library.folder() + " (Pinwall reads "
                    + ImageFiles.EXTENSIONS.stream().sorted().map(e -> "." + e).toList() + ")");
        }
        library.unreadable().forEach((path, reason) -> err.println("failed: " + path + ": " + reason));
        err.flush();
        return library;
    }

    /** Indexes with a progress bar; bad files are listed once each. */
    IndexReport index(Library library) throws StoreException {
        ProgressBar bar = new ProgressBar(err);
        IndexReport report = library.index(new IndexListener() {
            @Override
            public void onProgress(IndexProgress progress) {
                bar.update(progress);
            }

            @Override
            public void onFailed(Photo photo, String reason) {
                bar.clear();
                err.println("failed: " + photo.path() + ": " + reason);
                err.flush();
            }
        }, Cancellation.none());
        bar.finish();
        return report;
    }

    @Override
    public void close() {
        opened.embedder().close();
        store.close();
    }

    /** A one-line bar redrawn in place; prints plain lines when stderr is not a terminal. */
    private static final class ProgressBar {
        private final PrintWriter err;
        private final boolean terminal = System.console() != null;
        private long lastDraw;
        private boolean drawn;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        void update(IndexProgress p) {
            long now = System.nanoTime();
            boolean last = p.done() == p.total();
            if (!last && now - lastDraw < (terminal ? 200_000_000L : 5_000_000_000L)) {
                return;
            }
            lastDraw = now;
            int width = 30;
            int filled = (int) Math.round(p.fraction() * width);
            String eta = p.timeLeft() == null ? "--:--" : String.format(Locale.ROOT, "%d:%02d",
                    p.timeLeft().toMinutes(), p.timeLeft().toSecondsPart());
            String line = String.format(Locale.ROOT, "[%s%s] %d/%d  %.1f images/s  %s left",
                    "#".repeat(filled), ".".repeat(width - filled), p.done(), p.total(), p.imagesPerSecond(), eta);
            err.print(terminal ? "\r" + line : line + System.lineSeparator());
            err.flush();
            drawn = true;
        }

        void clear() {
            if (terminal && drawn) {
                err.print("\r" + " ".repeat(79) + "\r");
            }
        }

        void finish() {
            if (terminal && drawn) {
                err.println();
            }
            err.flush();
        }
    }
}
