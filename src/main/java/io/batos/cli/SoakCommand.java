package io.batos.cli;

import io.batos.cli.bench.LoadWatch;
import io.batos.cli.bench.Machine;
import io.batos.image.ImageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batos soak}: the reliability sweep — a real server process on a fresh image, clients
 * editing and teaching it over ZMQ, SIGKILLs at random moments, undo and pack between lives, and a
 * check of every acknowledged transaction at the end ({@link Soak}).
 *
 * <p>Contract: exit 0 only when nothing acknowledged was lost and every verify passed (see
 * {@link SoakReport#reason()} for the rest); otherwise the figures are printed all the same and one
 * line {@code batos: soak failed: REASON} goes to stderr, exit 1. The work directory (the image
 * unless {@code --image} names one, and {@code serve.log} with every server's output) is deleted
 * after a passing run unless {@code --keep}, and always kept after a failing one.
 *
 * <p>Why it refuses an existing image: the soak kills servers on it, undoes edits and folds its
 * history, which is no way to treat an image anyone cares about.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Reliability sweep: serve a fresh image from a child process, edit it and",
                "start cognitive cycles from many clients, SIGKILL and restart the server at",
                "random, undo and pack between lives; then stop cleanly, verify, and check",
                "every acknowledged transaction. Exit 1 when anything acknowledged is lost."})
final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "how long the server lives last in all, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--kill-every", paramLabel = "DURATION", defaultValue = "PT15S",
            description = "mean time from a server's readiness to its SIGKILL, each drawn between half and one"
                    + " and a half of it (default: ${DEFAULT-VALUE}; PT0S: never kill)")
    Duration killEvery;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "concurrent ZMQ clients, 1 to 64 (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seed", paramLabel = "N",
            description = "seed of the kills, undos, packs and the clients' choices (default: a random one, printed)")
    Long seed;

    @Option(names = "--image", paramLabel = "DIR",
            description = "where to make the soak's image: a new or empty directory, kept (default: a temporary one)")
    Path image;

    @Option(names = "--keep", description = "keep the work directory (image, server log) after a passing run")
    boolean keep;

    @Option(names = "--json", description = "print the figures as exactly one JSON object on stdout")
    boolean json;

    @Mixin
    RecordMixin record;

    @Override
    public Integer call() throws IOException {
        if (duration.isNegative() || duration.isZero()) {
            throw new ImageException(ImageException.Code.USAGE, "--duration must be positive, not " + duration);
        }
        if (killEvery.isNegative()) {
            throw new ImageException(ImageException.Code.USAGE, "--kill-every must not be negative, not " + killEvery);
        }
        if (clients < 1 || clients > 64) {
            throw new ImageException(ImageException.Code.USAGE, "--clients must be 1 to 64, not " + clients);
        }
        if (image != null && Files.exists(image) && !isEmptyDirectory(image)) {
            throw new ImageException(ImageException.Code.USAGE, "soak needs a new image, and " + image
                    + " is not an empty directory (the soak kills servers on it, undoes edits and packs its history)");
        }
        long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 48);
        Path work = Files.createTempDirectory("batos-soak-");
        Path dir = image != null ? image.toAbsolutePath() : work.resolve("image");
        PrintWriter err = spec.commandLine().getErr();
        Machine.Run run = Machine.run();
        err.println("soak: seed " + chosenSeed + ", image " + dir + ", server log " + work.resolve("serve.log"));
        err.flush();
        SoakReport report;
        String loadRange;
        try (LoadWatch load = LoadWatch.start()) {
            report = new Soak(new Soak.Options(duration, killEvery, clients, chosenSeed, dir,
                    work.resolve("serve.log"), err)).run();
            loadRange = load.range();
        }
        record.write("soak", report.records().stream().map(r -> r.withLoad(loadRange)).toList(),
                "batos soak --duration " + duration + " --kill-every " + killEvery + " --clients " + clients
                        + " --seed " + chosenSeed, run, err);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ImageCommand.jsonText(report.toJson()));
        } else {
            report.lines().forEach(out::println);
        }
        out.flush();
        if (!report.ok()) {
            err.println("batos: soak failed: " + report.reason() + " (work directory kept: " + work + ")");
            err.flush();
            return 1;
        }
        if (!keep) {
            deleteTree(work);
        }
        return 0;
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the soak's work directory " + root, e);
        }
    }
}
