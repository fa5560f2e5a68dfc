package dev.pinwall.eval;

import dev.pinwall.search.VectorIndex;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionEvaluatorTest {

    @Test
    void countsRowsWhoseNeighboursVoteForTheirOwnLabel() {
        // Two tight clusters, and one "red" row sitting inside the blue cluster: it is out-voted.
        VectorIndex index = new VectorIndex(2, 8);
        float[][] vectors = {{1, 0}, {1, 0.05f}, {1, 0.1f}, {0, 1}, {0.05f, 1}, {0.1f, 1}, {0.02f, 1}};
        List<String> labels = List.of("red", "red", "red", "blue", "blue", "blue", "red");
        for (float[] v : vectors) {
            index.add(v);
        }
        RetrievalEvaluator.Ranking ranking = (row, depth) -> index.nearest(row, depth, r -> true, -1f);
        assertThat(SuggestionEvaluator.accuracy(labels, 3, ranking)).isEqualTo(6.0 / 7);
        // with one neighbour, the stray red row also misleads the two blue rows it is nearest to
        assertThat(SuggestionEvaluator.accuracy(labels, 1, ranking)).isEqualTo(4.0 / 7);
        assertThat(SuggestionEvaluator.accuracy(List.of(), 3, ranking)).isZero();
    }
}
