package io.batos.cognition.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One inference thread per device, with a queue: every embedded model on a device runs its work
 * there, one generation at a time.
 *
 * <p>A device computes one thing at a time anyway; a single thread keeps the session and its KV
 * cache confined to it (ONNX Runtime sessions are not to be closed while another thread runs
 * them) and makes the rule "never infer on the JavaFX thread, a ZMQ thread or a lock holder"
 * (blueprint VULN-03, BUG-05) a property of the design: callers only ever enqueue. Threads are
 * daemons named {@code batos-inference-<device>}.
 */
public final class InferenceExecutor {
    private static final Map<String, ExecutorService> BY_DEVICE = new ConcurrentHashMap<>();
    public static final String THREAD_PREFIX = "batos-inference-";
    /**
     * The inference thread's stack: creating an ONNX Runtime session on a thread with the default
     * 1 MiB Java stack overflowed in native code here and killed the process with SIGSEGV (no
     * hs_err file, exit 139); 64 MiB is reserved, not committed, memory.
     */
    static final long STACK_BYTES = 64L << 20;

    private InferenceExecutor() {
    }

    /** The executor of {@code device} ({@code cpu}, {@code cuda:0}, …), created on first use. */
    public static ExecutorService forDevice(String device) {
        return BY_DEVICE.computeIfAbsent(device, d -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, THREAD_PREFIX + d, STACK_BYTES);
            t.setDaemon(true);
            return t;
        }));
    }

    /** True on an inference thread. */
    public static boolean onInferenceThread() {
        return Thread.currentThread().getName().startsWith(THREAD_PREFIX);
    }
}
