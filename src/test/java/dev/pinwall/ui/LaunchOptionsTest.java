package dev.pinwall.ui;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void readsEveryOptionInBothSpellings() {
        LaunchOptions options = LaunchOptions.parse(List.of("--folder", "/photos", "--select=1163.jpg",
                "--model", "resnet", "--screenshot=/tmp/shot.png"));
        assertThat(options).isEqualTo(new LaunchOptions(Path.of("/photos"), "1163.jpg", "resnet",
                Path.of("/tmp/shot.png")));
    }

    @Test
    void nothingGivenMeansDefaults() {
        assertThat(LaunchOptions.parse(List.of())).isEqualTo(new LaunchOptions(null, null, null, null));
    }

    @Test
    void readsTheStartViewAndThePinsToSave() {
        LaunchOptions options = LaunchOptions.parse(List.of("--view", "for-you", "--save", "10142.jpg,15970.jpg"));
        assertThat(options.view()).isEqualTo(LaunchOptions.StartView.FOR_YOU);
        assertThat(options.save()).containsExactly("10142.jpg", "15970.jpg");
        assertThat(LaunchOptions.parse(List.of("--view=map")).view()).isEqualTo(LaunchOptions.StartView.MAP);
        assertThat(LaunchOptions.parse(List.of()).save()).isEmpty();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--view", "grid")))
                .hasMessageContaining("grid").hasMessageContaining("for-you");
        LaunchOptions both = new LaunchOptions(null, null, null, null, null, LaunchOptions.StartView.FOR_YOU,
                List.of("a.jpg", "b c.jpg"));
        assertThat(LaunchOptions.parse(both.arguments())).isEqualTo(both);
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--colour", "red")))
                .hasMessageContaining("--colour").hasMessageContaining("--folder");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--folder")))
                .hasMessageContaining("--folder").hasMessageContaining("DIR");
    }

    @Test
    void argumentsReadBackToTheSameOptions() {
        LaunchOptions options = new LaunchOptions(Path.of("/my photos"), "a b.jpg", "mobilenet_v2_imagenet",
                Path.of("/tmp/shot=1.png"));
        assertThat(LaunchOptions.parse(options.arguments())).isEqualTo(options);
        LaunchOptions some = new LaunchOptions(null, null, "builtin", null);
        assertThat(some.arguments()).containsExactly("--model=builtin");
        assertThat(LaunchOptions.parse(some.arguments())).isEqualTo(some);
    }
}
