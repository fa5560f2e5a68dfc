package dev.pinwall.decode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResamplerTest {

    @Test
    void downscalingAveragesLikeAnAreaFilter() {
        // A 1-pixel black/white checkerboard halved must become flat grey, not aliased black or white.
        int[] src = new int[8 * 8];
        for (int i = 0; i < src.length; i++) {
            src[i] = ((i / 8 + i % 8) % 2 == 0) ? 0xFFFFFF : 0x000000;
        }
        int[] out = Resampler.resize(src, 8, 8, 4, 4);
        for (int p : out) {
            assertThat(p & 0xFF).isBetween(100, 155);
        }
    }

    @Test
    void keepsUniformColourAndTargetSize() {
        int[] src = new int[225 * 300];
        java.util.Arrays.fill(src, 0x336699);
        int[] out = Resampler.resize(src, 225, 300, 224, 224);
        assertThat(out).hasSize(224 * 224).containsOnly(0x336699);
    }

    @Test
    void sameSizeIsIdentity() {
        int[] src = {1, 2, 3, 4};
        assertThat(Resampler.resize(src, 2, 2, 2, 2)).containsExactly(1, 2, 3, 4);
    }
}
