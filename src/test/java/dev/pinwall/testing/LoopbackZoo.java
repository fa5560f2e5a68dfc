package dev.pinwall.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A DJL model-zoo repository on the loopback interface, laid out as DJL's is:
 * <pre>
 * model/cv/image_classification/ai/djl/pytorch/&lt;artifactId&gt;/metadata.json
 * model/cv/image_classification/ai/djl/pytorch/&lt;artifactId&gt;/0.0.1/&lt;file&gt;
 * </pre>
 * Each file can be served whole, slowly, cut off mid-way (the connection is closed), or stalled until
 * {@link #close()}; a metadata entry can carry a wrong checksum.
 */
public final class LoopbackZoo implements AutoCloseable {
    private static final String BASE = "model/cv/image_classification/ai/djl/pytorch/";

    /** How a file is sent. */
    public record Delivery(int chunkBytes, long pauseMillis, long cutAfterBytes, long stallAfterBytes) {
        /** All at once. */
        public static final Delivery WHOLE = new Delivery(64 * 1024, 0, -1, -1);

        /** In chunks with a pause after each, so the client sees many reads. */
        public static Delivery slow(int chunkBytes, long pauseMillis) {
            return new Delivery(chunkBytes, pauseMillis, -1, -1);
        }

        /** Announces the full length, sends this many bytes, then closes the connection. */
        public static Delivery cutAfter(long bytes) {
            return new Delivery(4 * 1024, 0, bytes, -1);
        }

        /** Sends this many bytes, then sends nothing more until the repository is closed. */
        public static Delivery stallAfter(long bytes) {
            return new Delivery(4 * 1024, 0, -1, bytes);
        }
    }

    private record Served(byte[] body, Delivery delivery) {
    }

    private final HttpServer server;
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    public LoopbackZoo() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-zoo");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The repository's base URL, e.g. {@code http://127.0.0.1:40123/}. */
    public URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/");
    }

    public int requests() {
        return requests.get();
    }

    /**
     * Publishes one artifact with one model file.
     *
     * @param artifactId   the artifact's id (its folder in the repository)
     * @param artifactName the artifact's name (its folder in the cache)
     * @param fileName     the file under {@code 0.0.1/}; {@code .gz} files are served gzip-compressed
     * @param content      the file's content before any compression
     * @param wrongSha1    true to publish a checksum that does not match
     * @return the number of bytes the file takes on the wire (what the metadata announces)
     */
    public long publish(String artifactId, String artifactName, String fileName, byte[] content, boolean wrongSha1,
                        Delivery delivery) {
        byte[] wire = fileName.endsWith(".gz") ? gzip(content) : content;
        String sha1 = wrongSha1 ? "0000000000000000000000000000000000000000" : sha1(wire);
        String metadata = """
                {
                  "metadataVersion": "0.2",
                  "resourceType": "model",
                  "application": "cv/image_classification",
                  "groupId": "ai.djl.pytorch",
                  "artifactId": "%1$s",
                  "name": "%1$s",
                  "description": "test artifact served on the loopback interface",
                  "artifacts": [
                    {
                      "version": "0.0.1",
                      "snapshot": false,
                      "name": "%2$s",
                      "properties": {},
                      "options": { "mapLocation": "true" },
                      "files": {
                        "model": { "uri": "0.0.1/%3$s", "sha1Hash": "%4$s", "size": %5$d }
                      }
                    }
                  ]
                }
                """.formatted(artifactId, artifactName, fileName, sha1, wire.length);
        files.put("/" + BASE + artifactId + "/metadata.json",
                new Served(metadata.getBytes(StandardCharsets.UTF_8), Delivery.WHOLE));
        files.put("/" + BASE + artifactId + "/0.0.1/" + fileName, new Served(wire, delivery));
        return wire.length;
    }

    /** The tiny random-initialised TorchScript CNN of the test resources (8 outputs). */
    public static byte[] tinyModel() {
        try (InputStream in = LoopbackZoo.class.getResourceAsStream("/models/tiny_cnn.pt")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Served served = files.get(exchange.getRequestURI().getPath());
            if (served == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = served.body();
            Delivery d = served.delivery();
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            long limit = d.cutAfterBytes() >= 0 ? d.cutAfterBytes() : body.length;
            int sent = 0;
            while (sent < limit) {
                if (d.stallAfterBytes() >= 0 && sent >= d.stallAfterBytes()) {
                    closing.await(60, TimeUnit.SECONDS);
                    return;
                }
                int n = (int) Math.min(d.chunkBytes(), limit - sent);
                out.write(body, sent, n);
                out.flush();
                sent += n;
                if (d.pauseMillis() > 0) {
                    Thread.sleep(d.pauseMillis());
                }
            }
            // Fewer bytes than announced: closing the exchange now drops the connection mid-file.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (cancelled) or the cut-off was reported back to us: expected here
        }
    }

    /** Stops serving; a stalled transfer is released and its connection closed. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
