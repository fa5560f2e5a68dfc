package dev.pinwall.ui;

import dev.pinwall.library.IndexProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The words the status bar uses for a run's progress and the time it has left. */
class EmbeddingRunsTextTest {

    @Test
    void progressSaysDoneOfTotalThenTheRateThenTheTimeLeft() {
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(1234, 44000, 0, null)))
                .isEqualTo("1,234 / 44,000");
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(10, 100, 12.34, null)))
                .isEqualTo("10 / 100 · 12.3 img/s");
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(10, 100, 0.05, Duration.ofSeconds(75))))
                .isEqualTo("10 / 100 · 0.1 img/s · 1 min 15 s left");
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(10, 100, 0, Duration.ofSeconds(5))))
                .as("no rate yet, but a time").isEqualTo("10 / 100 · 5 s left");
    }

    @Test
    void aFinishedRunHasNoTimeLeft() {
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(100, 100, 20, Duration.ZERO)))
                .isEqualTo("100 / 100 · 20.0 img/s");
        assertThat(EmbeddingRuns.describeProgress(new IndexProgress(99, 100, 20, Duration.ofSeconds(1))))
                .endsWith("· 1 s left");
    }

    @Test
    void timeIsSecondsThenMinutesThenHours() {
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(-3))).isEqualTo("0 s");
        assertThat(EmbeddingRuns.describe(Duration.ZERO)).isEqualTo("0 s");
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(60))).isEqualTo("1 min 0 s");
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(3599))).isEqualTo("59 min 59 s");
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(3600))).isEqualTo("1 h 0 min");
        assertThat(EmbeddingRuns.describe(Duration.ofSeconds(2 * 3600 + 61 * 60 + 5))).isEqualTo("3 h 1 min");
    }
}
