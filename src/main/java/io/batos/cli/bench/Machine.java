package io.batos.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where and on what a benchmark ran: the hardware and OS in one line, the Java runtime, the time
 * and the commit.
 *
 * <p>The description is deliberately plain — "2 CPUs Intel(R) Xeon(R) Processor, 23 GiB RAM,
 * Linux 6.18.0" — so that {@code packaging/measure-startup.sh} can write the same line from the
 * shell and the table counts one machine, not two.
 */
public final class Machine {
    private Machine() {
    }

    /** The facts of one run that every record of it shares. */
    public record Run(String machine, String jdk, String when, String commit) {
    }

    /** This machine and JVM, now, at the checkout in the working directory. */
    public static Run run() {
        return new Run(describe(), jdk(), now(), commit(Path.of("")));
    }

    /** Now, to the minute: "2026-11-26T16:20Z". */
    public static String now() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").format(Instant.now().atOffset(ZoneOffset.UTC));
    }

    /** "N CPUs MODEL, M GiB RAM, OS VERSION": the processors Java may use, the CPU model, the RAM. */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " CPUs " + cpuModel() + ", " + memoryGiB()
                + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The Java runtime: "Java 17.0.15+6-Debian-1deb12u1". */
    public static String jdk() {
        return "Java " + Runtime.version();
    }

    /**
     * The checkout's commit, abbreviated, with "+" when tracked files outside the benchmark record
     * differ from it; "unknown" outside a git checkout.
     */
    public static String commit(Path checkout) {
        String head = git(checkout, "rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        String changed = git(checkout, "status", "--porcelain", "--untracked-files=no", "--", ".",
                ":(exclude)src/bench", ":(exclude)BENCHMARKS.md");
        return changed.isEmpty() ? head : head + "+";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is the best we know
        }
        return System.getProperty("os.arch");
    }

    private static long memoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
            return Math.round(bean.getTotalMemorySize() / (double) (1L << 30));
        }
        return 0;
    }

    private static String git(Path dir, String... args) {
        try {
            Process p = new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList()).directory(dir.toAbsolutePath().toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
