package io.batos.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT and SIGTERM as a request to stop, for a command that serves until told otherwise
 * ({@code batos serve}): the main thread waits in {@link #await()}, then closes everything in
 * order and exits 0.
 *
 * <p>Why not just a shutdown hook: the JVM runs hooks after a signal but then exits with 128+n
 * (143 for SIGTERM) whatever they do, and a hook races the rest of shutdown. So where the JDK
 * offers {@code sun.misc.Signal} (looked up reflectively: it is unsupported API, and javac warns of
 * it), the signal only wakes the main thread, which shuts down at its own pace and exits 0. A
 * shutdown hook stays as the fallback (and for {@code System.exit} from elsewhere): it wakes the
 * main thread too and waits for it to finish closing, so the image is still closed cleanly.
 */
final class StopSignals implements AutoCloseable {
    private static final long HOOK_WAIT_SECONDS = 30;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Runnable> restore = new ArrayList<>();
    private final Thread hook;
    private volatile String reason = "stopped";

    private StopSignals() {
        hook = new Thread(() -> {
            request("the JVM is shutting down");
            try {
                closed.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "batos-stop-hook");
    }

    /** Starts listening for SIGINT and SIGTERM (and JVM shutdown). */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            signals.handle(name);
        }
        Runtime.getRuntime().addShutdownHook(signals.hook);
        return signals;
    }

    private void handle(String name) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            request("SIG" + name);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "stop on SIG" + name;
                    });
            Method install = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = install.invoke(null, signal, handler);
            restore.add(() -> {
                try {
                    install.invoke(null, signal, previous);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // The process is ending; the old handler matters no more.
                }
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // No sun.misc.Signal here (or the signal is reserved): the shutdown hook still stops us.
        }
    }

    private void request(String why) {
        if (stop.getCount() > 0) {
            reason = why;
            stop.countDown();
        }
    }

    /** Waits until a stop is requested; answers why. */
    String await() throws InterruptedException {
        stop.await();
        return reason;
    }

    /** Says the command has closed everything, and gives the signals back to the JVM. */
    @Override
    public void close() {
        closed.countDown();
        restore.forEach(Runnable::run);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown is already under way (the hook is what woke us): it is waiting for `closed`.
        }
    }
}
