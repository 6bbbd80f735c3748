package io.batos.cli;

import io.batos.image.ImageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One life of {@code batos serve} as a child process of the soak: started on the image with free
 * loopback ports, ready once it prints its one line, and ended by SIGKILL or, the last time, by
 * SIGTERM.
 *
 * <p>Why a child process and not a server in this JVM: only a process can be killed without
 * running a single line of its shutdown code, which is what a power cut or the OOM killer does;
 * and the image's file locks are per process. The child runs the very {@code java} binary and
 * class path of this process, so the soak tests the build that runs it. Its stdout and stderr go
 * to {@code log} (appended, each life headed by a line), and the last lines of stderr are kept
 * for a failure's message.
 */
final class SoakServer implements AutoCloseable {
    static final Pattern READY = Pattern.compile("serving (.+) on (tcp://\\S+) \\(events (tcp://\\S+)\\).*");
    /** The autotelic loop's period in the child: short, so that ALFRED's own commits meet the kills too. */
    static final String AUTOTELIC_PERIOD = "PT20S";
    private static final int KEPT_LINES = 20;

    private final Process process;
    private final int life;
    private final Writer log;
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    private final Deque<String> lastErr = new ArrayDeque<>();
    private final List<Thread> drains = new ArrayList<>();

    private SoakServer(Process process, int life, Writer log) {
        this.process = process;
        this.life = life;
        this.log = log;
        drains.add(drain(process.getInputStream(), "out", true));
        drains.add(drain(process.getErrorStream(), "err", false));
    }

    /**
     * Starts {@code batos serve} on {@code image} and waits until it says where it serves.
     *
     * @param started told the process as soon as it runs, before it is ready (so that whoever must
     *                kill it on the way out knows it)
     * @throws ImageException ERROR when it exits first or is not ready within {@code timeout}
     *                        (it is killed then), with its last line of stderr
     */
    static SoakServer start(Path image, Path logFile, int life, Duration timeout, Consumer<Process> started) {
        List<String> command = command(image);
        Writer log;
        Process process;
        try {
            log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            log.write("--- life " + life + ": " + String.join(" ", command.subList(command.indexOf("serve"),
                    command.size())) + "\n");
            log.flush();
            process = new ProcessBuilder(command).start();
            started.accept(process);
            // Nothing is sent to the server's stdin; closing it says so.
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start `batos serve` (life " + life + "): " + e.getMessage(), e);
        }
        SoakServer server = new SoakServer(process, life, log);
        try {
            server.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return server;
        } catch (TimeoutException e) {
            server.close();
            throw server.failure("was not ready within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            boolean exited = server.waitFor(Duration.ofSeconds(10));
            server.close();
            throw server.failure((exited ? "exited with " + process.exitValue() : "closed its stdout")
                    + " before it was ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw server.failure("was interrupted while starting");
        }
    }

    /**
     * The child's command line: this process's {@code java} (or {@code java.home}'s when the launcher
     * is not a plain {@code java}, as in a packaged app), its class path, the JVM options the
     * project's own processes use, and this process's {@code batos.*} and temp-directory properties.
     */
    static List<String> command(Path image) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx512m");
        command.add("-Djava.awt.headless=true");
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            // Java 17 rejects this flag, so it cannot be passed unconditionally.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-Dsun.stdout.encoding=UTF-8");
        command.add("-Dsun.stderr.encoding=UTF-8");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        if (System.getProperty("batos.autotelic.period") == null) {
            command.add("-Dbatos.autotelic.period=" + AUTOTELIC_PERIOD);
        }
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("batos.")).sorted()
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add(Main.class.getName());
        command.addAll(List.of("serve", "--image", image.toString(), "--bind", "tcp://127.0.0.1:0", "--events",
                "tcp://127.0.0.1:0"));
        return command;
    }

    private static String javaBinary() {
        String fallback = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ProcessHandle.current().info().command()
                .filter(c -> Path.of(c).getFileName().toString().matches("java(\\.exe)?"))
                .orElse(fallback);
    }

    private Thread drain(InputStream stream, String name, boolean stdout) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (stdout && !ready.isDone()) {
                        Matcher m = READY.matcher(line);
                        if (m.matches()) {
                            ready.complete(m);
                        }
                    }
                    if (!stdout) {
                        synchronized (lastErr) {
                            lastErr.addLast(line);
                            if (lastErr.size() > KEPT_LINES) {
                                lastErr.removeFirst();
                            }
                        }
                    }
                    synchronized (log) {
                        log.write(line);
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException ignored) {
                // The pipe breaks when the server is killed; what was read is all there is.
            } finally {
                ready.completeExceptionally(new IOException("stdout ended"));
            }
        }, "soak-server-" + life + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Where it answers requests. */
    String endpoint() {
        return ready.join().group(2);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for the process to exit on its own.
     *
     * @return whether it has exited
     */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL (no shutdown hook, no close), then waits until the process is gone and its output read. */
    void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                // The kill is sent; the caller relies on the process being gone (the image lock with it).
                interrupted = true;
            }
        }
        joinDrains();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * SIGTERM, the clean stop: the server closes itself and the image and should exit 0.
     *
     * @return its exit code, or -1 when it did not exit within {@code timeout} (it is killed then)
     */
    int stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
            return -1;
        }
        joinDrains();
        return process.exitValue();
    }

    /** The last line the server wrote to stderr, or a note that it wrote none. */
    String lastErrorLine() {
        synchronized (lastErr) {
            return lastErr.isEmpty() ? "(nothing on stderr)" : lastErr.getLast();
        }
    }

    private ImageException failure(String what) {
        return new ImageException(ImageException.Code.ERROR, "`batos serve` (life " + life + ", pid " + process.pid()
                + ") " + what + "; its last line on stderr: " + lastErrorLine());
    }

    private void joinDrains() {
        for (Thread t : drains) {
            try {
                // Bounded: a grandchild holding the pipes must not hang the soak.
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Kills the server if it still runs and closes the log. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        joinDrains();
        synchronized (log) {
            try {
                log.close();
            } catch (IOException ignored) {
                // The log is a diagnostic aid; losing its tail must not mask the soak's result.
            }
        }
    }
}
