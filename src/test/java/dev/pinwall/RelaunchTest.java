package dev.pinwall;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RelaunchTest {
    @Test
    void theChildGetsTheVectorApiModuleOnce() {
        assertThat(Relaunch.childJvmOptions(List.of("-Xmx4g", "-Dpinwall.relaunch=true")))
                .containsExactly("-Xmx4g", "-Dpinwall.relaunch=true", "--add-modules=jdk.incubator.vector");
        assertThat(Relaunch.childJvmOptions(List.of("--add-modules=jdk.incubator.vector", "-Xmx4g")))
                .containsExactly("--add-modules=jdk.incubator.vector", "-Xmx4g");
    }

    @Test
    void theChildCommandRunsMainWithTheSameArguments() {
        List<String> command = Relaunch.command(new String[] {"index", "/photos"});
        assertThat(command).containsOnlyOnce("--add-modules=jdk.incubator.vector");
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly(Main.class.getName(), "index", "/photos");
    }
}
