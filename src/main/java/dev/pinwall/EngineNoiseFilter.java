package dev.pinwall;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies a child's stderr to the console, minus libtorch's own log lines. libtorch writes its warnings straight
 * to file descriptor 2 in c10's format ({@code [W1129 16:28:24.368777956 NNPACK.cpp:62] Could not initialize
 * NNPACK! Reason: Unsupported hardware.}), on some CPUs once per convolution; neither DJL nor a JVM option can
 * turn them off. Those lines (levels W and I) go to {@code log} instead, each distinct message once; everything
 * else, including half-written progress-bar lines, reaches the console at once and unchanged (only a possible
 * start of a native line, such as {@code [W11}, is held until its line ends). The JVM's own notice that the Vector
 * API's incubator module is in use ({@value #INCUBATOR_NOTICE}, printed at start; the exact search needs the module)
 * is dropped when it is a whole line by itself.
 */
final class EngineNoiseFilter {
    /** c10's log line: level letter, MMDD, time, source file:line, then the message. */
    private static final Pattern NATIVE_LOG = Pattern.compile("\\[[WI]\\d{4} [0-9:.]+ [^\\]]*\\] ?(.*?)\\r?\\n?");
    private static final int MAX_DISTINCT = 1000;
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final byte[] NOTICE_BYTES = INCUBATOR_NOTICE.getBytes(StandardCharsets.UTF_8);

    private final OutputStream console;
    private final Consumer<String> log;
    private final Set<String> seen = new HashSet<>();
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean atLineStart = true; // whether held (or the next segment) begins a line

    EngineNoiseFilter(OutputStream console, Consumer<String> log) {
        this.console = console;
        this.log = log;
    }

    /** Filters until {@code in} ends. */
    void pump(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            accept(buffer, 0, n);
        }
        finish();
    }

    void accept(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                segment(bytes, start, i + 1 - start, true);
                start = i + 1;
            }
        }
        if (start < end) {
            segment(bytes, start, end - start, false);
        }
        console.flush();
    }

    /** Whatever is still held goes out as it is. */
    void finish() throws IOException {
        if (held.size() > 0) {
            console.write(held.toByteArray());
            held.reset();
        }
        console.flush();
    }

    private void segment(byte[] bytes, int offset, int length, boolean endsLine) throws IOException {
        held.write(bytes, offset, length);
        byte[] line = held.toByteArray();
        held.reset();
        boolean lineStart = atLineStart;
        atLineStart = endsLine;
        if (lineStart && isIncubatorNotice(line, endsLine)) {
            if (!endsLine) {
                held.write(line, 0, line.length); // may still become the notice
                atLineStart = true;
            }
            return;
        }
        // A native line may start after a progress bar that was drawn without a newline: look inside the line too.
        int start = nativeLogStart(line);
        console.write(line, 0, start);
        if (start == line.length) {
            return;
        }
        if (!endsLine) {
            held.write(line, start, line.length - start); // wait for the rest before deciding
            return;
        }
        Matcher m = NATIVE_LOG.matcher(new String(line, start, line.length - start, StandardCharsets.UTF_8));
        if (m.matches()) {
            String message = m.group(1).strip();
            if (seen.size() < MAX_DISTINCT && seen.add(message)) {
                log.accept(message);
            }
        } else {
            console.write(line, start, line.length - start);
        }
    }

    /** Whether a line is the incubator notice (once it has ended) or could still become it (while it has not). */
    private static boolean isIncubatorNotice(byte[] line, boolean ended) {
        int length = ended ? line.length - 1 : line.length; // without its line end
        if (ended ? length != NOTICE_BYTES.length : length > NOTICE_BYTES.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] != NOTICE_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /** Where a native log line could begin ({@code [W} or {@code [I} and a digit, or a prefix of that), or the end. */
    private static int nativeLogStart(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '[' && mayBeNativeLog(line, i)) {
                return i;
            }
        }
        return line.length;
    }

    private static boolean mayBeNativeLog(byte[] line, int at) {
        int left = line.length - at;
        if (left >= 2 && line[at + 1] != 'W' && line[at + 1] != 'I') {
            return false;
        }
        return left < 3 || Character.isDigit(line[at + 2]);
    }
}
