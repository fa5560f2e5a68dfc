import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;

/** Draws Pinwall's app icon: a masonry wall of pins on a rounded square. {@code java assets/MakeIcon.java assets/icon.png} */
public class MakeIcon {
    public static void main(String[] args) throws Exception {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xC8, 0x1E, 0x3A));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 56, 56));
        // three columns of cards of different heights, like the wall
        double[][] cards = {
                {34, 34, 56, 92}, {34, 136, 56, 86},
                {100, 34, 56, 58}, {100, 102, 56, 120},
                {166, 34, 56, 104}, {166, 148, 56, 74}};
        Color[] fills = {new Color(0xFF, 0xE0, 0xA8), new Color(0xB8, 0xE0, 0xFF), new Color(0xFF, 0xFF, 0xFF),
                new Color(0xC8, 0xF0, 0xC0), new Color(0xFF, 0xC8, 0xD8), new Color(0xFF, 0xFF, 0xFF)};
        for (int i = 0; i < cards.length; i++) {
            double[] c = cards[i];
            g.setColor(new Color(0, 0, 0, 60));
            g.fill(new RoundRectangle2D.Double(c[0] + 2, c[1] + 3, c[2], c[3], 14, 14));
            g.setColor(fills[i]);
            g.fill(new RoundRectangle2D.Double(c[0], c[1], c[2], c[3], 14, 14));
        }
        // the pin on the selected card
        g.setColor(new Color(0x22, 0x22, 0x22));
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(128, 110, 128, 140);
        g.setColor(new Color(0xFF, 0xD0, 0x30));
        g.fill(new Ellipse2D.Double(113, 86, 30, 30));
        g.setColor(new Color(0x22, 0x22, 0x22));
        g.setStroke(new BasicStroke(3f));
        g.draw(new Ellipse2D.Double(113, 86, 30, 30));
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
