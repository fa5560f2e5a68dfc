package dev.pinwall.embed;

import dev.pinwall.decode.ImageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared MobileNetV2 as ONNX (ONNX Runtime) and as TorchScript (libtorch) gives the same vectors, both engines
 * live side by side in one process, and a folder holding both forms offers one model run on the preferred engine.
 */
class OnnxAgreementTest {
    @TempDir
    Path dir;

    @Test
    void onnxAndTorchScriptAgree() throws Exception {
        var pt = FashionDev.model("mobilenet_v2_imagenet.pt");
        var onnx = FashionDev.model("mobilenet_v2_imagenet.onnx");
        var items = FashionDev.items();
        assumeTrue(pt.isPresent() && onnx.isPresent() && items.isPresent(),
                "needs ../shared/models/mobilenet_v2_imagenet.{pt,onnx} and fashion-dev");
        List<BufferedImage> images = new ArrayList<>();
        for (FashionDev.Item item : items.get().subList(0, 6)) {
            images.add(ImageDecoder.decode(item.file(), PipelineSettings.DEFAULT_MIN_SIDE));
        }
        float[][] torch;
        float[][] ort;
        try (TorchScriptEmbedder t = TorchScriptEmbedder.load(pt.get());
             TorchScriptEmbedder o = TorchScriptEmbedder.load(onnx.get());
             Embedder.Session ts = t.newSession();
             Embedder.Session os = o.newSession()) {
            assertThat(t.descriptor().engine()).isEqualTo(ModelDescriptor.PYTORCH);
            assertThat(o.descriptor().engine()).isEqualTo(ModelDescriptor.ONNX_RUNTIME);
            assertThat(o.info().dimension()).isEqualTo(t.info().dimension()).isEqualTo(1280);
            torch = ts.embed(images);
            ort = os.embed(images);
            // Batch of one through ONNX Runtime too: its batch dimension is dynamic.
            assertThat(cosine(os.embed(images.subList(2, 3))[0], torch[2])).isGreaterThanOrEqualTo(0.999);
        }
        for (int i = 0; i < images.size(); i++) {
            assertThat(cosine(ort[i], torch[i])).as("image %d", i).isGreaterThanOrEqualTo(0.999);
        }
        // Different photos still differ: the agreement is not two constant outputs.
        assertThat(cosine(ort[0], torch[1])).isLessThan(0.99);
    }

    @Test
    void twinFilesMakeOneModelOnThePreferredEngine() throws Exception {
        var pt = FashionDev.model("mobilenet_v2_imagenet.pt");
        var onnx = FashionDev.model("mobilenet_v2_imagenet.onnx");
        assumeTrue(pt.isPresent() && onnx.isPresent(), "needs ../shared/models/mobilenet_v2_imagenet.{pt,onnx}");
        Files.createSymbolicLink(dir.resolve("net.pt"), pt.get());
        Files.createSymbolicLink(dir.resolve("net.onnx"), onnx.get());
        Files.writeString(dir.resolve("net.json"), "{\"name\": \"Net\", \"dimension\": 1280}");
        Files.createSymbolicLink(dir.resolve("solo.onnx"), onnx.get());

        ModelRegistry registry = ModelRegistry.discover(List.of(dir), ZooDownloader.standard(), List.of());
        List<String> ids = registry.options().stream().map(ModelOption::id).toList();
        assertThat(ids).containsExactly("net", "solo", ModelRegistry.BUILT_IN_ID);
        try (TorchScriptEmbedder net = (TorchScriptEmbedder) registry.open("net");
             TorchScriptEmbedder byPath = (TorchScriptEmbedder) registry.open(dir.resolve("net.pt").toString())) {
            assertThat(net.descriptor().engine()).isEqualTo(ModelRegistry.preferredEngine());
            assertThat(net.info().displayName()).isEqualTo("Net");
            // A file chosen by path runs on its own engine, with the descriptor beside it.
            assertThat(byPath.descriptor().engine()).isEqualTo(ModelDescriptor.PYTORCH);
            assertThat(byPath.info().displayName()).isEqualTo("Net");
            // Both forms share the store key: their vectors agree, so switching engines keeps stored vectors.
            assertThat(net.info().storeKey()).isEqualTo(byPath.info().storeKey());
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
