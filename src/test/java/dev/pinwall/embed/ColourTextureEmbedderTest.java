package dev.pinwall.embed;

import dev.pinwall.search.Vectors;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ColourTextureEmbedderTest {

    private static BufferedImage shape(Color colour, boolean round, int shift) {
        BufferedImage image = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 224, 224);
        g.setColor(colour);
        if (round) {
            g.fillOval(40 + shift, 40, 140, 140);
        } else {
            g.fillRect(30 + shift, 90, 170, 50);
        }
        g.dispose();
        return image;
    }

    private static double cosine(float[] a, float[] b) {
        float[] x = Vectors.normalised(a);
        float[] y = Vectors.normalised(b);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    @Test
    void similarProductsAreCloserThanDifferentOnes() throws Exception {
        try (ColourTextureEmbedder e = new ColourTextureEmbedder(); Embedder.Session s = e.newSession()) {
            float[][] v = s.embed(List.of(shape(Color.RED, true, 0), shape(new Color(220, 20, 20), true, 6),
                    shape(Color.BLUE, false, 0)));
            assertThat(v[0]).hasSize(e.info().dimension());
            assertThat(cosine(v[0], v[1])).isGreaterThan(cosine(v[0], v[2]) + 0.2);
        }
    }

    @Test
    void ignoresThePlainBackgroundWhenComparingColour() throws Exception {
        // Same red object on a white or a light grey background: the background must not dominate.
        BufferedImage grey = shape(Color.RED, true, 0);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(230, 230, 230));
        g.fillRect(0, 0, 224, 30);
        g.dispose();
        try (ColourTextureEmbedder e = new ColourTextureEmbedder(); Embedder.Session s = e.newSession()) {
            float[][] v = s.embed(List.of(shape(Color.RED, true, 0), grey, shape(Color.GREEN, true, 0)));
            assertThat(cosine(v[0], v[1])).isGreaterThan(cosine(v[0], v[2]));
        }
    }
}
