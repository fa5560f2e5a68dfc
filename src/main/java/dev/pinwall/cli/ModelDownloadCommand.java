package dev.pinwall.cli;

import dev.pinwall.embed.DownloadListener;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.ModelOption;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.ZooDownloader;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code pinwall models download ID}: fetches a model-zoo model into DJL's cache, with progress on stderr. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a model-zoo model (one that `pinwall models` lists as \"download\") into DJL's cache, "
                + "showing progress on stderr.",
                "The files are verified against the zoo's checksums; Ctrl+C cancels, and a failed or cancelled "
                        + "download keeps nothing."})
final class ModelDownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The zoo model to download, as `pinwall models` lists it "
            + "(for example zoo:resnet50).")
    String id;

    @Override
    public Integer call() throws EmbedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelRegistry registry = ModelRegistry.discover(PinwallHome.modelDirs());
        ModelOption option = registry.options().stream().filter(o -> o.id().equalsIgnoreCase(id.trim()))
                .findFirst().orElse(null);
        if (option != null && option.kind() == ModelOption.Kind.ZOO && option.available()) {
            out.println(option.id() + " is already downloaded");
            return 0;
        }
        Cancellation cancellation = new Cancellation();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C: cancel, and hold the JVM until the download has removed its partial files.
        Thread onInterrupt = new Thread(() -> {
            cancellation.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pinwall-download-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            err.println("Downloading " + id + " from " + registry.zoo().repository()
                    + (option != null ? " (" + ZooDownloader.formatBytes(option.downloadBytes()) + ")" : ""));
            TextProgress progress = new TextProgress(err);
            long start = System.nanoTime();
            Path dir;
            try {
                dir = registry.download(id, progress, cancellation);
            } finally {
                progress.end();
            }
            out.printf(Locale.ROOT, "downloaded %s (%s in %.1f s) to %s%n", id, ZooDownloader.formatBytes(progress.bytes),
                    (System.nanoTime() - start) / 1e9, dir);
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and now lets the JVM exit
            }
        }
    }

    /** One line on stderr, rewritten in place at each whole percent. */
    private static final class TextProgress implements DownloadListener {
        private final PrintWriter err;
        private long shownPercent = -1;
        private long shownBytes = -1;
        private boolean started;
        long bytes;

        TextProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onProgress(long bytesDone, long bytesTotal) {
            bytes = bytesDone;
            if (bytesTotal > 0) {
                long percent = bytesDone * 100 / bytesTotal;
                if (percent == shownPercent) {
                    return;
                }
                shownPercent = percent;
                err.printf(Locale.ROOT, "\r  %s of %s (%d%%)   ", ZooDownloader.formatBytes(bytesDone),
                        ZooDownloader.formatBytes(bytesTotal), percent);
            } else {
                if (bytesDone - shownBytes < 1_000_000 && shownBytes >= 0) {
                    return;
                }
                shownBytes = bytesDone;
                err.printf(Locale.ROOT, "\r  %s   ", ZooDownloader.formatBytes(bytesDone));
            }
            started = true;
            err.flush();
        }

        void end() {
            if (started) {
                err.println();
                err.flush();
            }
        }
    }
}
