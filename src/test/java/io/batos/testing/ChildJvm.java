package io.batos.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a main class in a child JVM with the test class path, for what one JVM cannot test about
 * itself: a hard kill mid-write, a small heap, or file locks (which Java holds per process).
 *
 * <p>The child gets the same class path, {@code java.io.tmpdir} under the build's temp directory
 * (system property {@code batos.test.tmp}, default {@code target/tmp}), the native-access flags the
 * project's JVMs use, UTF-8 standard streams, and the caller's extra JVM options. Its stdout and
 * stderr are drained by daemon threads from the start, so a chatty child never blocks on a full pipe
 * and a stuck test never keeps the test JVM alive.
 *
 * <pre>{@code
 * try (ChildJvm.Running child = ChildJvm.main(Writer.class).jvmArgs("-Xmx32m").args(dir).start()) {
 *     child.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(30));
 *     child.kill();
 * }
 * }</pre>
 */
public final class ChildJvm {

    private final Class<?> mainClass;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private ChildJvm(Class<?> mainClass) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /** Starts describing a child that runs {@code mainClass.main}. */
    public static ChildJvm main(Class<?> mainClass) {
        return new ChildJvm(mainClass);
    }

    /** Adds JVM options (e.g. {@code -Xmx32m}), placed before the main class. */
    public ChildJvm jvmArgs(String... options) {
        jvmArgs.addAll(Arrays.asList(options));
        return this;
    }

    /** Adds program arguments, passed to {@code main}. */
    public ChildJvm args(String... arguments) {
        args.addAll(Arrays.asList(arguments));
        return this;
    }

    /** The full command line the child would run with. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djava.io.tmpdir=" + tmpDir());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            // Java 17 rejects this flag, so it cannot be passed unconditionally.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        // The parent decodes UTF-8; the sun.* names are what Java 17 honours, the others Java 19+.
        command.add("-Dsun.stdout.encoding=UTF-8");
        command.add("-Dsun.stderr.encoding=UTF-8");
        command.add("-Dstdout.encoding=UTF-8");
        command.add("-Dstderr.encoding=UTF-8");
        command.addAll(jvmArgs);
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    /** Starts the child. */
    public Running start() {
        List<String> command = command();
        try {
            Process process = new ProcessBuilder(command).start();
            // Nothing is ever sent; closing stdin lets a child that reads it see end of input.
            process.getOutputStream().close();
            // The class path is long and the same as ours; failures name only what differs.
            List<String> shown = new ArrayList<>(jvmArgs);
            shown.add(mainClass.getName());
            shown.addAll(args);
            return new Running(process, shown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM: " + String.join(" ", command), e);
        }
    }

    /**
     * Runs {@code main} with {@code args} to completion and returns what it did.
     *
     * @throws AssertionError if it runs longer than {@code timeout} (it is killed first)
     */
    public static Result run(Class<?> main, Duration timeout, String... args) {
        try (Running child = main(main).args(args).start()) {
            int exitCode = child.waitFor(timeout);
            return new Result(exitCode, child.stdout(), child.stderr());
        }
    }

    private static Path tmpDir() {
        Path dir = Path.of(System.getProperty("batos.test.tmp", "target/tmp")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create child temp directory " + dir, e);
        }
        return dir;
    }

    /**
     * What a finished child did.
     *
     * @param exitCode its exit status
     * @param stdout   its standard output, each line ending in {@code \n}
     * @param stderr   its standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * A started child. Closing it kills the child if it is still running, so a failed assertion
     * never leaves a JVM behind.
     */
    public static final class Running implements AutoCloseable {
        private static final Duration DRAIN = Duration.ofSeconds(10);
        private static final int MESSAGE_LINES = 200;
        private static final int MESSAGE_CHARS = 20_000;

        private final Process process;
        private final List<String> shown;
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder stderr = new StringBuilder();
        private boolean stdoutDone;
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private Running(Process process, List<String> shown) {
            this.process = process;
            this.shown = List.copyOf(shown);
            this.stdoutReader = drain(process.getInputStream(), "stdout", line -> {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }, () -> {
                synchronized (lines) {
                    stdoutDone = true;
                    lines.notifyAll();
                }
            });
            this.stderrReader = drain(process.getErrorStream(), "stderr", line -> {
                synchronized (stderr) {
                    stderr.append(line).append('\n');
                }
            }, () -> { });
        }

        private Thread drain(InputStream stream, String name, Consumer<String> sink, Runnable atEnd) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader =
                             new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        sink.accept(line);
                    }
                } catch (IOException ignored) {
                    // The pipe breaks when the child is killed; what was read is all there is.
                } finally {
                    atEnd.run();
                }
            }, "child-" + process.pid() + "-" + name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /** The child process. */
        public Process process() {
            return process;
        }

        /** The child's process id. */
        public long pid() {
            return process.pid();
        }

        /** The stdout lines read so far, as a snapshot. */
        public List<String> linesSoFar() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /**
         * The first stdout line (from the start of output, not just since the last call) that
         * matches, waiting for it up to {@code timeout}.
         *
         * @throws AssertionError if none arrives in time or stdout ends first (the child exited);
         *                        the message includes the child's stdout and stderr
         */
        public String awaitLine(Predicate<String> matcher, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                int checked = 0;
                while (true) {
                    for (; checked < lines.size(); checked++) {
                        if (matcher.test(lines.get(checked))) {
                            return lines.get(checked);
                        }
                    }
                    if (stdoutDone) {
                        break;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw failure("no matching stdout line within " + timeout);
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lines, remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw failure("interrupted while waiting for a stdout line");
                    }
                }
            }
            String exit = waitQuietly() ? "exited with " + process.exitValue() : "closed its stdout";
            throw failure("child " + exit + " before a matching stdout line");
        }

        /**
         * Waits for the child to exit and returns its exit code, once all its output has been read.
         *
         * @throws AssertionError if it does not exit within {@code timeout}; it is killed first
         */
        public int waitFor(Duration timeout) {
            boolean exited;
            try {
                exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw failure("interrupted while waiting for the child to exit");
            }
            if (!exited) {
                kill();
                throw failure("child did not exit within " + timeout + "; killed it");
            }
            joinReaders();
            return process.exitValue();
        }

        /** Kills the child with SIGKILL (no shutdown hooks run) and waits until it is gone. */
        public void kill() {
            process.destroyForcibly();
            boolean interrupted = false;
            while (true) {
                try {
                    process.waitFor();
                    break;
                } catch (InterruptedException e) {
                    // The kill is already sent; finish waiting so callers can rely on it being dead.
                    interrupted = true;
                }
            }
            joinReaders();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Everything the child wrote to stderr so far (all of it, once it has exited). */
        public String stderr() {
            if (!process.isAlive()) {
                joinReaders();
            }
            synchronized (stderr) {
                return stderr.toString();
            }
        }

        /** Everything the child wrote to stdout so far, each line ending in {@code \n}. */
        public String stdout() {
            if (!process.isAlive()) {
                joinReaders();
            }
            StringBuilder out = new StringBuilder();
            for (String line : linesSoFar()) {
                out.append(line).append('\n');
            }
            return out.toString();
        }

        /** Kills the child if it is still running. */
        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }

        private boolean waitQuietly() {
            try {
                return process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Bounded, because a grandchild that inherited the pipes could hold them open after the
         * child itself exits.
         */
        private void joinReaders() {
            try {
                stdoutReader.join(DRAIN.toMillis());
                stderrReader.join(DRAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private AssertionError failure(String what) {
            String err;
            synchronized (stderr) {
                err = stderr.toString();
            }
            // Only the ends: a chatty child would otherwise bury the reason in megabytes.
            List<String> out = linesSoFar();
            int skipped = Math.max(0, out.size() - MESSAGE_LINES);
            String shownErr = err.length() <= MESSAGE_CHARS ? err
                    : "[...]" + err.substring(err.length() - MESSAGE_CHARS);
            return new AssertionError(what + "\nchild " + process.pid() + ": java " + String.join(" ", shown)
                    + "\n--- stdout" + (skipped > 0 ? " (last " + MESSAGE_LINES + " lines)" : "") + " ---\n"
                    + String.join("\n", out.subList(skipped, out.size()))
                    + "\n--- stderr ---\n" + shownErr);
        }
    }
}
