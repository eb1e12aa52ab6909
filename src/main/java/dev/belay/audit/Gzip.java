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
        return compress(text, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * For terminal recordings: under a flood of output the recorder deflates megabytes a second on
     * the same cores as the terminal. The fastest level deflates line-like output (seq, logs) four
     * times faster than the default for 1 or 2 points of size; output with little to match (base64,
     * compressed or random data) costs it 30 ms a megabyte searching for matches it does not find,
     * where Huffman coding alone takes a third of that and comes out smaller (a flood of base64:
     * 76% of its size against 77%). Each chunk tries both on a sample of its start and takes
     * Huffman coding alone when it does about as well (within 5%); either way it is plain gzip.
     */
    static byte[] compressFast(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        boolean huffmanOnly = huffmanOnlyPays(bytes);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
                if (huffmanOnly) {
                    def.setStrategy(Deflater.HUFFMAN_ONLY);
                }
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Bytes of the start of a chunk on which the two ways are compared. */
    static final int SAMPLE = 4 * 1024;

    /** Whether Huffman coding alone does about as well as the fastest matching on {@code bytes}' start. */
    static boolean huffmanOnlyPays(byte[] bytes) {
        if (bytes.length < 2 * SAMPLE) {
            return false; // small chunks cost little either way
        }
        // Within 5%: a recording's JSON escapes each line's end as four characters, which matching finds in base64
        // lines for a point of size, at three times the cost.
        return deflatedSize(bytes, Deflater.HUFFMAN_ONLY) * 100L <= deflatedSize(bytes, Deflater.DEFAULT_STRATEGY) * 105L;
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

    private static byte[] compress(String text, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
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
