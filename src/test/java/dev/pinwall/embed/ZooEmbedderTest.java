package dev.pinwall.embed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ZooEmbedderTest {

    @Test
    void openingAModelThatIsNotDownloadedFailsAndSaysHowToGetIt() {
        var model = ZooEmbedder.find("resnet18_embedding").orElseThrow();
        assumeTrue(!ZooEmbedder.isCached(model), "model is cached here");
        assertThatThrownBy(() -> ZooEmbedder.open(model)).isInstanceOf(EmbedException.class)
                .hasMessage("zoo model zoo:resnet18_embedding is not downloaded (41.6 MB); download it with "
                        + "`pinwall models download zoo:resnet18_embedding` or from the model selector");
    }

    @Test
    void findsModelsByIdNameOrUrl() {
        assertThat(ZooEmbedder.find("zoo:resnet50")).isPresent();
        assertThat(ZooEmbedder.find("djl://ai.djl.pytorch/resnet18_embedding")).isPresent();
        assertThat(ZooEmbedder.find("resnet18_embedding")).isPresent();
        assertThat(ZooEmbedder.find("djl://ai.djl.pytorch/resnet?dataset=imagenet&layers=50")).isPresent();
        assertThat(ZooEmbedder.find("zoo:vgg1000")).isEmpty();
    }
}
