package dev.pinwall;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EngineNoiseFilterTest {
    private static final String NNPACK =
            "[W1129 16:28:24.368777956 NNPACK.cpp:62] Could not initialize NNPACK! Reason: Unsupported hardware.\n";

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> log = new ArrayList<>();
    private final EngineNoiseFilter filter = new EngineNoiseFilter(console, log::add);

    private void feed(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        filter.accept(bytes, 0, bytes.length);
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nativeWarningsLeaveTheConsoleAndAreLoggedOnceEach() throws Exception {
        String other = "[W1129 16:28:25.1 __torch__.py:10] Warning: something real (function )\n";
        String input = "model: MobileNetV2 (ImageNet)\n" + NNPACK.repeat(500) + other + other
                + "indexed 40 new 40 cached 0 duplicates 0 failed 0 images_per_s 15.5\n";
        filter.pump(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));

        assertThat(console()).isEqualTo("model: MobileNetV2 (ImageNet)\n"
                + "indexed 40 new 40 cached 0 duplicates 0 failed 0 images_per_s 15.5\n");
        assertThat(log).containsExactly("Could not initialize NNPACK! Reason: Unsupported hardware.",
                "Warning: something real (function )");
    }

    @Test
    void everythingElsePassesUnchangedIncludingJavaLogLinesAndBrackets() throws Exception {
        String input = "[main] WARN ai.djl.Something - a real warning\n[W] not the engine's format\n"
                + "[Wx1 nope\nerror: folder not found: /x\n[E1129 16:28:24.1 x.cpp:1] an engine error\n";
        feed(input);
        filter.finish();
        assertThat(console()).isEqualTo(input);
        assertThat(log).isEmpty();
    }

    @Test
    void aProgressBarReachesTheConsoleBeforeItsLineEnds() throws Exception {
        feed("\r[#####.........................] 10/40  15.5 images/s  0:02 left");
        assertThat(console()).endsWith("0:02 left"); // not held back for a newline that never comes
        feed("\r[##########....................] 20/40");
        assertThat(console()).endsWith("20/40");
        feed(NNPACK); // libtorch writes its line right after the unfinished bar
        feed("\r[####################..........] 30/40");
        assertThat(console()).doesNotContain("NNPACK").endsWith("\r[####################..........] 30/40");
        assertThat(log).hasSize(1);
    }

    @Test
    void aNativeLineSplitAcrossReadsIsStillRecognised() throws Exception {
        feed("before\n[W11");
        assertThat(console()).isEqualTo("before\n");
        feed("29 16:28:24.368777956 NNPACK.cpp:62] Could not initialize NNPACK! Reason: Unsupported");
        feed(" hardware.\nafter\n");
        assertThat(console()).isEqualTo("before\nafter\n");
        assertThat(log).hasSize(1);
    }

    @Test
    void theVectorApiNoticeIsDroppedOnlyAsAWholeLine() throws Exception {
        String notice = EngineNoiseFilter.INCUBATOR_NOTICE;
        feed(notice.substring(0, 10)); // the JVM may write it in pieces
        assertThat(console()).isEmpty();
        feed(notice.substring(10) + "\nstarted\n");
        feed("note: " + notice + "\n" + notice + " and more\n");
        feed("WARNING: something else\n");
        filter.finish();
        assertThat(console()).isEqualTo("started\nnote: " + notice + "\n" + notice + " and more\n"
                + "WARNING: something else\n");
        assertThat(log).isEmpty();
    }
}
