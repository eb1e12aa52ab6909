package dev.belay.ui.terminal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time JavaFX's render thread has used, for {@link JumpScroll} to learn what a frame costs.
 * JavaFX paints on one thread of its own (Prism's {@code QuantumRenderer-0}; in the software
 * pipeline, as under Xvfb, the rasterising of every frame happens there), which no API names, so it
 * is found by its name once; where it is not found, or the JVM does not measure threads' CPU time,
 * {@link #nanos} answers -1 and jump scroll keeps its shortest window. The figure covers every
 * window's painting, not only the terminal's: at worst the terminal's flood is drawn less often.
 */
final class RendererCpu {

    static final String THREAD_PREFIX = "QuantumRenderer";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long rendererId = -1;

    private RendererCpu() {
    }

    /** The render thread's CPU time so far in nanoseconds, or -1 where it is not known. */
    static long nanos() {
        try {
            return measure();
        } catch (RuntimeException e) {
            return -1; // not measurable here (a JVM without thread CPU times): the shortest windows
        }
    }

    private static long measure() {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long id = rendererId;
        if (id < 0) {
            id = find();
            if (id < 0) {
                return -1;
            }
            rendererId = id;
        }
        long cpu = THREADS.getThreadCpuTime(id);
        if (cpu < 0) {
            rendererId = -1; // the thread ended (the FX runtime restarted): look again next time
        }
        return cpu;
    }

    private static long find() {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().startsWith(THREAD_PREFIX)) {
                return info.getThreadId();
            }
        }
        return -1;
    }
}
