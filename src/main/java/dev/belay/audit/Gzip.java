package dev.belay.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Compression of outputs and recording chunks. */
final class Gzip {
    private Gzip() { }

    static byte[] compress(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8), Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
    }

    /**
     * For terminal recordings: under a flood of output the recorder deflates megabytes a second on
     * the same cores as the terminal. Each chunk deflates a sample of its start three ways and takes:
     * <ul>
     * <li>the fastest matching level for line-like output (seq, logs: 12 to 30% of its size), four
     *     times faster than the default level for 1 or 2 points of size;</li>
     * <li>Huffman coding alone when it does about as well (within 5%): matching costs 30 ms a
     *     megabyte searching for matches that output like base64 does not have;</li>
     * <li>no compression at all (deflate's stored blocks) when even that leaves more than
     *     {@value #STORE_ABOVE_PERCENT}% of the size: for base64 (76%) or compressed data Huffman
     *     coding still costs about 10 ms a megabyte, five times copying it, to save a quarter of its
     *     size.</li>
     * </ul>
     * Either way the chunk is plain gzip and reads back the same.
     */
    static byte[] compressFast(byte[] bytes) {
        return switch (fastWay(bytes)) {
            case STORED -> gzip(bytes, Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
            case HUFFMAN_ONLY -> gzip(bytes, Deflater.BEST_SPEED, Deflater.HUFFMAN_ONLY);
            case FASTEST_LEVEL -> gzip(bytes, Deflater.BEST_SPEED, Deflater.DEFAULT_STRATEGY);
        };
    }

    /** Large enough that a megabyte chunk is not deflated in 512-byte calls into zlib (the stream's default). */
    private static final int OUT_BUFFER = 64 * 1024;

    /** Bytes of the start of a chunk on which the ways are compared. */
    static final int SAMPLE = 4 * 1024;

    /** Above this share of its size after Huffman coding a chunk is stored as it is. */
    static final int STORE_ABOVE_PERCENT = 70;

    /** How {@link #compressFast} deflates a chunk. */
    enum Way { FASTEST_LEVEL, HUFFMAN_ONLY, STORED }

    /** The way {@link #compressFast} takes for {@code bytes}, judged on their start. */
    static Way fastWay(byte[] bytes) {
        if (bytes.length < 2 * SAMPLE) {
            return Way.FASTEST_LEVEL; // small chunks cost little either way
        }
        int huffman = deflatedSize(bytes, Deflater.HUFFMAN_ONLY);
        if (huffman * 100L > SAMPLE * (long) STORE_ABOVE_PERCENT) {
            return Way.STORED;
        }
        // Within 5%: a recording's JSON escapes each line's end as four characters, which matching finds in base64
        // lines for a point of size, at three times the cost.
        return huffman * 100L <= deflatedSize(bytes, Deflater.DEFAULT_STRATEGY) * 105L ? Way.HUFFMAN_ONLY : Way.FASTEST_LEVEL;
    }

    private static int deflatedSize(byte[] bytes, int strategy) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(bytes, 0, SAMPLE);
            deflater.finish();
            byte[] sink = new byte[SAMPLE + 1024];
            int size = 0;
            while (!deflater.finished()) {
                size += deflater.deflate(sink);
            }
            return size;
        } finally {
            deflater.end();
        }
    }

    /** {@code bytes} as one gzip member, deflated at {@code level} with {@code strategy}. */
    private static byte[] gzip(byte[] bytes, int level, int strategy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        // a command's small output does not need the megabyte chunk's buffer
        int buffer = Math.max(512, Math.min(OUT_BUFFER, bytes.length));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, buffer) {
            {
                def.setLevel(level);
                def.setStrategy(strategy);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String decompress(byte[] data) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(gz.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AuditException("A stored output or recording is not valid gzip: it was damaged", e);
        }
    }
}
