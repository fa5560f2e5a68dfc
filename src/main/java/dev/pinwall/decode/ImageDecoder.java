package dev.pinwall.decode;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import dev.pinwall.scan.ImageFiles;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes image files (JPEG incl. CMYK/YCCK, PNG, BMP, GIF first frame) into upright TYPE_INT_RGB images.
 * The header is read first, absurd sizes are refused, and large images are subsampled while reading so that
 * memory stays bounded. Every failure becomes a {@link DecodeException} with a short user-facing reason.
 */
public final class ImageDecoder {
    /** Files claiming more pixels than this are refused outright: likely corrupt or hostile. */
    public static final long MAX_PIXELS = 1_000_000_000L;
    /** Largest image decoded at full resolution (about 400 MB as int RGB). */
    public static final long MAX_FULL_SIZE_PIXELS = 100_000_000L;
    /** Longest one image may take to decode; a hostile file must not hold a worker for ever. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(30);
    /** Bytes per decoded pixel budgeted before decoding: the reader's raster (up to 8) plus the int RGB copy. */
    private static final long BYTES_PER_PIXEL = 12;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pinwall-decode-watchdog");
        t.setDaemon(true);
        return t;
    });

    private ImageDecoder() {
    }

    /**
     * Decodes a file. Large images are subsampled on read, keeping the shorter side at least {@code minSide}
     * pixels; {@code minSide <= 0} asks for full size. Images already small enough are read without subsampling.
     */
    public static BufferedImage decode(Path file, int minSide) throws DecodeException {
        return decode(file, minSide, TIME_LIMIT);
    }

    /** As {@link #decode(Path, int)}, giving up with a {@link DecodeException} after {@code timeLimit}. */
    static BufferedImage decode(Path file, int minSide, Duration timeLimit) throws DecodeException {
        return read(file, minSide > 0 ? (w, h) -> Math.max(1, Math.min(w, h) / minSide) : (w, h) -> 1, timeLimit);
    }

    /** A fast, good-quality thumbnail whose longer side is at most {@code maxSide}. */
    public static BufferedImage thumbnail(Path file, int maxSide) throws DecodeException {
        if (maxSide <= 0) {
            throw new IllegalArgumentException("maxSide must be positive");
        }
        // Subsample to about twice the target, then resample properly for a clean, alias-free result.
        BufferedImage image = read(file, (w, h) -> Math.max(1, Math.max(w, h) / (2 * maxSide)), TIME_LIMIT);
        int w = image.getWidth();
        int h = image.getHeight();
        int longer = Math.max(w, h);
        if (longer <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / longer;
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        return Resampler.resize(image, tw, th);
    }

    /** Chooses the read subsampling factor from the header's width and height. */
    private interface Subsampling {
        int factor(int width, int height);
    }

    private static BufferedImage read(Path file, Subsampling subsampling, Duration timeLimit)
            throws DecodeException {
        checkFile(file);
        String format = "image";
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DecodeException("cannot read file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DecodeException("not an image (unrecognised format)");
            }
            ImageReader reader = readers.next();
            try {
                format = formatName(reader);
                if ("BMP".equals(format)) {
                    checkBmpEmbeddedSize(file);
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (width <= 0 || height <= 0) {
                    throw new DecodeException("corrupt " + format + " (invalid size " + width + "x" + height + ")");
                }
                if (pixels > MAX_PIXELS) {
                    throw new DecodeException("image too large (" + width + "x" + height + " pixels)");
                }
                int factor = subsampling.factor(width, height);
                if (pixels / ((long) factor * factor) > MAX_FULL_SIZE_PIXELS) {
                    throw new DecodeException("image too large to decode at full size (" + width + "x" + height + ")");
                }
                long decodedPixels = ((width + factor - 1L) / factor) * ((height + factor - 1L) / factor);
                if (decodedPixels * BYTES_PER_PIXEL > Runtime.getRuntime().maxMemory() / 4) {
                    throw new DecodeException("image too large to decode in the memory available ("
                            + width + "x" + height + ")");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                TruncationWatch watch = new TruncationWatch();
                reader.addIIOReadWarningListener(watch);
                // Readers poll abort() between rows, so a watchdog can stop a decode that takes too long.
                AtomicBoolean timedOut = new AtomicBoolean();
                ImageReader running = reader;
                ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
                    timedOut.set(true);
                    running.abort();
                }, Math.max(0, timeLimit.toMillis()), TimeUnit.MILLISECONDS);
                BufferedImage raw;
                try {
                    raw = reader.read(0, param);
                } finally {
                    alarm.cancel(false);
                }
                if (timedOut.get()) {
                    throw new DecodeException("took longer than " + (timeLimit.toMillis() >= 1000
                            ? timeLimit.toSeconds() + " s" : timeLimit.toMillis() + " ms") + " to decode ("
                            + width + "x" + height + " " + format + ")");
                }
                if (watch.truncated) {
                    throw new DecodeException("truncated or corrupt " + format);
                }
                BufferedImage rgb = toRgb(raw);
                return "JPEG".equals(format) ? Orientation.apply(rgb, exifOrientation(file)) : rgb;
            } finally {
                reader.dispose();
            }
        } catch (DecodeException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new DecodeException("file vanished", e);
        } catch (AccessDeniedException e) {
            throw new DecodeException("cannot read file: permission denied", e);
        } catch (EOFException e) {
            throw new DecodeException("truncated or corrupt " + format, e);
        } catch (IIOException e) {
            throw new DecodeException(describeIoFailure(file, format, e), e);
        } catch (IOException e) {
            throw new DecodeException(describeIoFailure(file, format, e), e);
        } catch (OutOfMemoryError e) {
            throw new DecodeException("image too large to decode (out of memory)", e);
        } catch (RuntimeException e) {
            // Readers throw assorted unchecked exceptions on malformed data (index errors, illegal states).
            throw new DecodeException("corrupt " + format, e);
        }
    }

    /**
     * Checks that a path is a readable, non-empty regular file before any decoding, and says what it is when it
     * is not: missing, a broken or looping symbolic link, a folder, a named pipe or device (which report a size of
     * 0 but must not be read: a pipe blocks, {@code /dev/zero} never ends), empty, or unreadable.
     */
    public static void checkReadable(Path file) throws DecodeException {
        checkFile(file);
    }

    private static void checkFile(Path file) throws DecodeException {
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                throw new DecodeException(ImageFiles.brokenLinkReason(file));
            }
            throw new DecodeException("file vanished");
        }
        if (Files.isDirectory(file)) {
            throw new DecodeException("not a file (a folder)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DecodeException("not a regular file (" + specialKind(file) + ")");
        }
        try {
            if (Files.size(file) == 0) {
                throw new DecodeException("empty file (0 bytes)");
            }
        } catch (NoSuchFileException e) {
            throw new DecodeException("file vanished", e);
        } catch (IOException e) {
            throw new DecodeException("cannot read file: " + e.getMessage(), e);
        }
        if (!Files.isReadable(file)) {
            throw new DecodeException("cannot read file: permission denied");
        }
    }

    /** What a path that is neither a file nor a folder is, from its Unix file type where the platform says. */
    private static String specialKind(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a named pipe";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a device, pipe or socket";
        }
    }

    /**
     * A BMP may wrap a JPEG or PNG (compression 4 or 5); the JDK reader then allocates the header's image size in one
     * array before reading it, so a 187-byte file claiming 1.6 GB allocates 1.6 GB (found by fuzzing). Refused
     * when the claimed size exceeds what the file holds.
     */
    private static void checkBmpEmbeddedSize(Path file) throws IOException, DecodeException {
        byte[] head = new byte[38];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length) {
            return; // too short to wrap anything: the reader reports it
        }
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long dataOffset = Integer.toUnsignedLong(le.getInt(10));
        long headerSize = Integer.toUnsignedLong(le.getInt(14));
        long compression = Integer.toUnsignedLong(le.getInt(30));
        long imageSize = Integer.toUnsignedLong(le.getInt(34));
        if (headerSize >= 40 && (compression == 4 || compression == 5)
                && imageSize > Files.size(file) - Math.min(dataOffset, Files.size(file))) {
            throw new DecodeException("corrupt BMP (embedded " + (compression == 4 ? "JPEG" : "PNG") + " claims "
                    + imageSize + " bytes, more than the file holds)");
        }
    }

    private static String describeIoFailure(Path file, String format, IOException e) {
        if (!Files.exists(file)) {
            return "file vanished";
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("permission denied") || message.contains("access denied")) {
            return "cannot read file: permission denied";
        }
        if ("image".equals(format) && message.contains("can't create an imageinputstream")) {
            return "cannot read file";
        }
        return "truncated or corrupt " + format;
    }

    private static String formatName(ImageReader reader) {
        try {
            String name = reader.getOriginatingProvider() != null
                    ? reader.getOriginatingProvider().getFormatNames()[0] : reader.getFormatName();
            return name.toUpperCase(Locale.ROOT).equals("JPG") ? "JPEG" : name.toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    /** Converts any decoded image to TYPE_INT_RGB, compositing transparency onto white. */
    static BufferedImage toRgb(BufferedImage raw) {
        if (raw.getType() == BufferedImage.TYPE_INT_RGB) {
            return raw;
        }
        BufferedImage rgb = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            if (raw.getColorModel().hasAlpha()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, raw.getWidth(), raw.getHeight());
            }
            g.drawImage(raw, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** The EXIF orientation (1..8) of a JPEG, or 1 when absent or unreadable: orientation is best effort. */
    static int exifOrientation(Path file) {
        try {
            Metadata metadata = JpegMetadataReader.readMetadata(file.toFile(), List.of(new ExifReader()));
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
        } catch (Exception e) {
            return 1;
        }
        return 1;
    }

    /** Notices the reader's "premature end of data" warnings: a JPEG cut short decodes as grey otherwise. */
    private static final class TruncationWatch implements IIOReadWarningListener {
        private static final List<String> SIGNS = List.of("premature end", "truncated", "unexpected end");
        volatile boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = String.valueOf(warning).toLowerCase(Locale.ROOT);
            if (SIGNS.stream().anyMatch(w::contains)) {
                truncated = true;
            }
        }
    }
}
