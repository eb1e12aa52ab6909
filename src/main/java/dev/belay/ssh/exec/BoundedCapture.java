package dev.belay.ssh.exec;

import java.util.Arrays;

/** Keeps the first {@code headLimit} and the last {@code tailLimit} bytes written. */
final class BoundedCapture {
    private final byte[] head;
    private final byte[] ring;
    private int headSize;
    private long ringWritten;
    private long total;

    BoundedCapture(int headLimit, int tailLimit) {
        head = new byte[headLimit];
        ring = new byte[tailLimit];
    }

    synchronized void write(byte[] buf, int off, int len) {
        total += len;
        int toHead = Math.min(len, head.length - headSize);
        System.arraycopy(buf, off, head, headSize, toHead);
        headSize += toHead;
        off += toHead;
        len -= toHead;
        if (ring.length == 0 || len == 0) {
            return;
        }
        if (len >= ring.length) {
            off += len - ring.length;
            ringWritten += len - ring.length;
            len = ring.length;
        }
        while (len > 0) {
            int pos = (int) (ringWritten % ring.length);
            int n = Math.min(len, ring.length - pos);
            System.arraycopy(buf, off, ring, pos, n);
            ringWritten += n;
            off += n;
            len -= n;
        }
    }

    synchronized CapturedOutput snapshot() {
        int tailSize = (int) Math.min(ringWritten, ring.length);
        byte[] tail = new byte[tailSize];
        int start = (int) ((ringWritten - tailSize) % Math.max(1, ring.length));
        for (int i = 0; i < tailSize; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        return new CapturedOutput(Arrays.copyOf(head, headSize), tail, total);
    }
}
