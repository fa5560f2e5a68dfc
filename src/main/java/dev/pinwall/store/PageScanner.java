package dev.pinwall.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads vector rows straight from the pages of an SQLite file, without its b-trees: the last resort of a salvage,
 * for rows whose parent pages are damaged so that no query reaches them. Every table-leaf page is parsed; a cell
 * shaped like a row of {@code vectors} (text, text, blob, and an integer or NULL checksum) is handed on as found.
 * Nothing here is trusted: the caller validates each row as a read from the store would, and a page or cell that
 * does not parse is skipped.
 */
final class PageScanner {
    /** A row as found on a page. */
    record RawRow(String storeKey, String hash, byte[] vector, Long crc) {
    }

    private final FileChannel channel;
    private final int pageSize;
    private final int usable;
    private final long pages;

    private PageScanner(FileChannel channel, int pageSize, int usable, long pages) {
        this.channel = channel;
        this.pageSize = pageSize;
        this.usable = usable;
        this.pages = pages;
    }

    /** Hands every vector-shaped row of {@code file} to {@code sink}; returns quietly when the header is unreadable. */
    static void scan(Path file, Consumer<RawRow> sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(100);
            if (channel.read(header, 0) < 100) {
                return;
            }
            int size = header.getShort(16) & 0xffff;
            int pageSize = size == 1 ? 65536 : size;
            if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
                return;
            }
            int usable = pageSize - (header.get(20) & 0xff);
            PageScanner scanner = new PageScanner(channel, pageSize, usable, channel.size() / pageSize);
            for (long page = 1; page <= scanner.pages; page++) {
                scanner.scanPage(page, sink);
            }
        }
    }

    private ByteBuffer page(long number) throws IOException {
        if (number < 1 || number > pages) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(pageSize);
        channel.read(buffer, (number - 1) * pageSize);
        return buffer;
    }

    private void scanPage(long number, Consumer<RawRow> sink) throws IOException {
        ByteBuffer page = page(number);
        int start = number == 1 ? 100 : 0;
        if (page == null || page.get(start) != 0x0D) { // table b-tree leaf
            return;
        }
        int cells = page.getShort(start + 3) & 0xffff;
        for (int i = 0; i < cells; i++) {
            int pointerAt = start + 8 + 2 * i;
            if (pointerAt + 2 > usable) {
                return;
            }
            int cell = page.getShort(pointerAt) & 0xffff;
            try {
                RawRow row = cell(page, cell);
                if (row != null) {
                    sink.accept(row);
                }
            } catch (RuntimeException | IOException malformed) {
                // A damaged cell: skip it, the next one may be whole.
            }
        }
    }

    private RawRow cell(ByteBuffer page, int at) throws IOException {
        long[] v = new long[2];
        int pos = varint(page, at, v);
        long payload = v[0];
        pos = varint(page, pos, v); // rowid, not needed
        if (payload <= 0 || payload > 64L * 1024 * 1024) {
            return null;
        }
        int maxLocal = usable - 35;
        int local;
        if (payload <= maxLocal) {
            local = (int) payload;
        } else {
            int minLocal = ((usable - 12) * 32 / 255) - 23;
            int k = (int) (minLocal + ((payload - minLocal) % (usable - 4)));
            local = k <= maxLocal ? k : minLocal;
        }
        byte[] record = new byte[(int) payload];
        page.get(pos, record, 0, local);
        int filled = local;
        if (filled < payload) {
            long next = page.getInt(pos + local) & 0xffffffffL;
            while (filled < payload) {
                ByteBuffer overflow = page(next);
                if (overflow == null) {
                    return null;
                }
                int take = (int) Math.min(usable - 4, payload - filled);
                overflow.get(4, record, filled, take);
                filled += take;
                next = overflow.getInt(0) & 0xffffffffL;
            }
        }
        return parse(ByteBuffer.wrap(record));
    }

    /** A record of (text, text, blob, integer or NULL) or (text, text, blob), else null. */
    private static RawRow parse(ByteBuffer record) {
        long[] v = new long[2];
        int headerEnd = varint(record, 0, v);
        long headerSize = v[0];
        if (headerSize > record.limit()) {
            return null;
        }
        long[] types = new long[4];
        int columns = 0;
        int pos = headerEnd;
        while (pos < headerSize) {
            if (columns == 4) {
                return null;
            }
            pos = varint(record, pos, v);
            types[columns++] = v[0];
        }
        if (columns < 3 || !isText(types[0]) || !isText(types[1]) || !isBlob(types[2])) {
            return null;
        }
        int data = (int) headerSize;
        String key = text(record, data, types[0]);
        data += (int) (types[0] - 13) / 2;
        String hash = text(record, data, types[1]);
        data += (int) (types[1] - 13) / 2;
        byte[] vector = new byte[(int) (types[2] - 12) / 2];
        record.get(data, vector);
        data += vector.length;
        Long crc = null;
        if (columns == 4) {
            int bytes = switch ((int) types[3]) {
                case 0 -> 0;
                case 1, 2, 3, 4 -> (int) types[3];
                case 5 -> 6;
                case 6 -> 8;
                case 8, 9 -> 0;
                default -> -1;
            };
            if (bytes < 0) {
                return null;
            }
            if (types[3] == 8 || types[3] == 9) {
                crc = types[3] - 8;
            } else if (bytes > 0) {
                long value = record.get(data); // big-endian two's complement
                for (int i = 1; i < bytes; i++) {
                    value = (value << 8) | (record.get(data + i) & 0xff);
                }
                crc = value;
            }
        }
        return new RawRow(key, hash, vector, crc);
    }

    private static boolean isText(long type) {
        return type >= 13 && type % 2 == 1;
    }

    private static boolean isBlob(long type) {
        return type >= 12 && type % 2 == 0;
    }

    private static String text(ByteBuffer record, int at, long type) {
        byte[] bytes = new byte[(int) (type - 13) / 2];
        record.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads SQLite's big-endian varint at {@code at} into {@code out[0]}; returns the position after it. */
    private static int varint(ByteBuffer buffer, int at, long[] out) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            int b = buffer.get(at + i) & 0xff;
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                out[0] = value;
                return at + i + 1;
            }
        }
        out[0] = (value << 8) | (buffer.get(at + 8) & 0xff);
        return at + 9;
    }
}
