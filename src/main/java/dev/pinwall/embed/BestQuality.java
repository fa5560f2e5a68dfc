package dev.pinwall.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "best quality" embedder: the chosen backbone averaged over the image, its mirror and its white-border-trimmed
 * crop, fused with MobileNetV3-Small (averaged the same way) when that model is found. About 3x the backbone's
 * embedding time without the second backbone, about 5x with it (MobileNetV3-Small costs about 2/3 of MobileNetV2).
 */
public final class BestQuality {
    /** The file name of the second backbone, looked for beside the chosen model and in the model folders. */
    public static final String SECOND_BACKBONE = "mobilenet_v3_small_imagenet.pt";

    private BestQuality() {
    }

    /**
     * Wraps {@code base} (which it then owns). When the second backbone is not found, or fails to load, or is the
     * base itself, the result is the view-averaged base alone and {@code notes} says so.
     *
     * @param baseFile the file the base was loaded from, if any: its folder is searched first
     */
    public static Embedder wrap(Embedder base, Optional<Path> baseFile, List<Path> modelDirs, List<String> notes) {
        Embedder views = new ViewAveragingEmbedder(base);
        List<Path> places = new ArrayList<>();
        baseFile.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(places::add);
        places.addAll(modelDirs);
        Optional<Path> second = places.stream().map(d -> d.resolve(SECOND_BACKBONE)).filter(Files::isRegularFile)
                .findFirst();
        if (second.isEmpty()) {
            notes.add("best quality without a second backbone: " + SECOND_BACKBONE + " not found in " + places);
            return views;
        }
        if (base.info().id().equals(SECOND_BACKBONE.replace(".pt", ""))) {
            notes.add("best quality without a second backbone: the chosen model is already " + SECOND_BACKBONE);
            return views;
        }
        try {
            return new FusedEmbedder(views, new ViewAveragingEmbedder(TorchScriptEmbedder.load(second.get())));
        } catch (EmbedException e) {
            notes.add("best quality without a second backbone: " + second.get() + " failed to load: " + e.getMessage());
            return views;
        }
    }
}
