package dev.pinwall.embed;

import ai.djl.util.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ZooEmbedderTest {

    @Test
    void failsFastAndClearlyWhenOfflineAndNotCached() {
        var model = ZooEmbedder.find("resnet18_embedding").orElseThrow();
        assumeTrue(Utils.isOfflineMode(), "needs ai.djl.offline=true (surefire sets it)");
        assumeTrue(!ZooEmbedder.isCached(model), "model is cached here");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ZooEmbedder.open(model)).isInstanceOf(EmbedException.class)
                .hasMessageStartingWith("zoo model resnet18_embedding is not available offline");
        assertThat((System.nanoTime() - start) / 1e6).isLessThan(2000);
    }

    @Test
    void findsModelsByIdNameOrUrl() {
        assertThat(ZooEmbedder.find("zoo:resnet50")).isPresent();
        assertThat(ZooEmbedder.find("djl://ai.djl.pytorch/resnet18_embedding")).isPresent();
        assertThat(ZooEmbedder.find("resnet18_embedding")).isPresent();
        assertThat(ZooEmbedder.find("zoo:vgg1000")).isEmpty();
    }
}
