package dev.pinwall.learn;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SplitTest {
    @Test
    void everyFileIsInExactlyOneHalfAndTheHalvesAreAboutEqual() {
        Split zero = new Split(7, 0);
        long inZero = IntStream.range(0, 4000).mapToObj(i -> i + ".jpg")
                .peek(name -> assertThat(zero.contains(name)).isNotEqualTo(zero.other().contains(name)))
                .filter(zero::contains).count();
        assertThat(inZero).isBetween(1850L, 2150L);
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        long same = IntStream.range(0, 1000).mapToObj(i -> i + ".jpg")
                .filter(name -> new Split(1, 0).contains(name) == new Split(2, 0).contains(name)).count();
        assertThat(same).isBetween(400L, 600L);
    }
}
