package dev.pinwall.embed;

import dev.pinwall.decode.Resampler;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns decoded images into one float NCHW batch: resize (PIL bilinear semantics), RGB, /255, optional
 * mean/std. Done on plain arrays so no per-pixel native calls are made.
 */
final class Preprocessor {
    private final int width;
    private final int height;
    private final ModelDescriptor.ResizeMode resize;
    private final float[] scale = new float[3];
    private final float[] offset = new float[3];

    Preprocessor(ModelDescriptor d) {
        this.width = d.inputWidth();
        this.height = d.inputHeight();
        this.resize = d.resize();
        for (int c = 0; c < 3; c++) {
            float mean = d.mean() == null ? 0f : d.mean()[c];
            float std = d.std() == null ? 1f : d.std()[c];
            // value = (p / 255 - mean) / std, folded into one multiply-add per pixel
            scale[c] = 1f / (255f * std);
            offset[c] = -mean / std;
        }
    }

    TensorBatch batch(List<BufferedImage> images) {
        int plane = width * height;
        float[] data = new float[images.size() * 3 * plane];
        for (int i = 0; i < images.size(); i++) {
            int[] rgb = fit(images.get(i));
            int base = i * 3 * plane;
            float sr = scale[0], sg = scale[1], sb = scale[2];
            float or = offset[0], og = offset[1], ob = offset[2];
            for (int p = 0; p < plane; p++) {
                int v = rgb[p];
                data[base + p] = ((v >> 16) & 0xFF) * sr + or;
                data[base + plane + p] = ((v >> 8) & 0xFF) * sg + og;
                data[base + 2 * plane + p] = (v & 0xFF) * sb + ob;
            }
        }
        return new TensorBatch(data, images.size(), 3, height, width);
    }

    private int[] fit(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = Resampler.pixels(image);
        if (resize == ModelDescriptor.ResizeMode.SQUASH) {
            return Resampler.resize(pixels, w, h, width, height);
        }
        double s = Math.max((double) width / w, (double) height / h);
        int rw = Math.max(width, (int) Math.round(w * s));
        int rh = Math.max(height, (int) Math.round(h * s));
        int[] scaled = Resampler.resize(pixels, w, h, rw, rh);
        int x0 = (rw - width) / 2;
        int y0 = (rh - height) / 2;
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(scaled, (y0 + y) * rw + x0, out, y * width, width);
        }
        return out;
    }
}
