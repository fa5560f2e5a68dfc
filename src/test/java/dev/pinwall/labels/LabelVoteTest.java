package dev.pinwall.labels;

import dev.pinwall.labels.LabelVote.Voter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LabelVoteTest {

    @Test
    void closeNeighboursOutweighManyFarOnes() {
        Suggestion s = LabelVote.vote(List.of(new Voter("Shoes", 0.9f), new Voter("Bags", 0.3f),
                new Voter("Bags", 0.3f), new Voter("Shoes", 0.2f))).orElseThrow();
        assertThat(s.value()).isEqualTo("Shoes");
        assertThat(s.confidence()).isCloseTo(1.1 / 1.7, within(1e-6));
        assertThat(s.voters()).isEqualTo(4);
        // by count alone it would be a tie; by weight the far pair now wins
        assertThat(LabelVote.vote(List.of(new Voter("Shoes", 0.5f), new Voter("Bags", 0.4f),
                new Voter("Bags", 0.4f))).orElseThrow().value()).isEqualTo("Bags");
    }

    @Test
    void unanimousVotesAreCertainAndBlankLabelsDoNotVote() {
        Suggestion s = LabelVote.vote(List.of(new Voter("Watches", 0.8f), new Voter("", 0.99f),
                new Voter("Watches", 0.6f))).orElseThrow();
        assertThat(s.value()).isEqualTo("Watches");
        assertThat(s.confidence()).isCloseTo(1.0, within(1e-6));
        assertThat(s.voters()).isEqualTo(2);
    }

    @Test
    void negativeSimilarityCountsAsNothingAndTiesGoToTheNearer() {
        assertThat(LabelVote.vote(List.of(new Voter("Shirts", 0.5f), new Voter("Jeans", -0.9f),
                new Voter("Jeans", -0.9f))).orElseThrow().value()).isEqualTo("Shirts");
        assertThat(LabelVote.vote(List.of(new Voter("Tops", 0.5f), new Voter("Kurtas", 0.5f)))
                .orElseThrow().value()).isEqualTo("Tops");
    }

    @Test
    void noLabelledVoterNoSuggestion() {
        assertThat(LabelVote.vote(List.of())).isEmpty();
        assertThat(LabelVote.vote(List.of(new Voter(" ", 0.7f)))).isEmpty();
    }
}
