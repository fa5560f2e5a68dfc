package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A writer killed with SIGKILL mid-run leaves a store that opens clean and holds every committed batch. */
class KilledWriterTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void keepsEveryCommittedBatchWhenTheWriterIsKilled() throws Exception {
        Path db = dir.resolve("store.db");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName(), db.toString())
                .redirectErrorStream(true)
                .start();
        int lastCommitted = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // Kill it mid-stream: after a few batches, while it is busy writing the next one.
            while (lastCommitted < 8 && (line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("committed ")) {
                    lastCommitted = Integer.parseInt(line.substring("committed ".length()));
                }
            }
            // SIGKILL; lines printed after our last read are not counted (the JDK closes the pipe on destroy).
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exits after SIGKILL").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(lastCommitted).as("child output: %s", output).isGreaterThanOrEqualTo(8);
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            List<String> committed = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int batch = 0; batch <= lastCommitted; batch++) {
                for (int i = 0; i < StoreWriterProcess.BATCH; i++) {
                    committed.add(StoreWriterProcess.hash(batch, i));
                }
                failed.add("failed-" + batch);
            }
            assertThat(store.vectors(StoreWriterProcess.STORE_KEY, committed).keySet())
                    .containsExactlyInAnyOrderElementsOf(committed);
            assertThat(store.failures(StoreWriterProcess.STORE_KEY, failed)).hasSize(failed.size());
            // Whatever the killed transaction had written is either all there or not at all.
            int count = store.count(StoreWriterProcess.STORE_KEY);
            assertThat(count % StoreWriterProcess.BATCH).isZero();
            assertThat(count).isGreaterThanOrEqualTo(committed.size());
            // And the store still takes writes.
            store.putAll(StoreWriterProcess.STORE_KEY, Map.of("after", new float[StoreWriterProcess.DIMENSION]),
                    Map.of());
        }
    }
}
