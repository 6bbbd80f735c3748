package io.batos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.OpenReport;
import io.batos.image.Transaction;
import io.batos.image.Values;
import io.batos.kernel.ValueJson;
import io.batos.kernel.Vessel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that works on one image: the shared {@code --image} and {@code --json} options, and
 * the one way every command opens the image and writes its output.
 *
 * <p>Why one base: the §12 contract is the same for every command — the default image is
 * {@code ./live_image}; only {@code image init} creates one; read-only commands never commit;
 * with {@code --json} stdout carries exactly one JSON document, while recovery notes go to stderr.
 * Keeping that in one place keeps the commands from drifting apart.
 */
abstract class ImageCommand implements Callable<Integer> {
    /** The image directory when none is named (§12). */
    static final String DEFAULT_IMAGE = "./live_image";
    /** Attempts for work that only sets and removes slots: rerunning it on a conflict is harmless. */
    static final int RETRY = LivingImage.DEFAULT_ATTEMPTS;
    /** Attempts for work that runs methods: those may act outside the image, so never rerun them. */
    static final int ONCE = 1;

    /** The origin every transaction started from the command line carries in the log. */
    static final String ORIGIN = "cli";

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "PATH", defaultValue = DEFAULT_IMAGE,
            description = "image directory (default: ${DEFAULT-VALUE})")
    Path image;

    @Option(names = "--json", description = "print exactly one JSON document on stdout (get, send and clone always print JSON)")
    boolean json;

    /** Opens the image for reading: recovery runs, genesis does not, nothing is ever committed. */
    Vessel openForReading() {
        return noted(Vessel.openReadOnly(image, new RebuildProgress(err())));
    }

    /** Opens an existing image for writing, applying genesis steps it lacks. */
    Vessel openForWriting() {
        return noted(Vessel.open(image, LivingImage.OpenMode.EXISTING, new RebuildProgress(err())));
    }

    /** Tells stderr what recovery had to do, so an unclean shutdown never goes unnoticed. */
    Vessel noted(Vessel vessel) {
        reportRecovery(vessel, err());
        return vessel;
    }

    static void reportRecovery(Vessel vessel, PrintWriter err) {
        OpenReport report = vessel.image().openReport();
        // A new image had nothing to recover (its index was "missing" because it never existed);
        // saying that it was created is the command's own news.
        if (!report.created()) {
            report.lines().forEach(line -> err.println("recovery: " + line));
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints one JSON document (and nothing else) on stdout. */
    void printJson(JsonNode document) {
        out().println(jsonText(document));
        out().flush();
    }

    /** Reports a committed change: {@code {"txId": N}} with {@code --json}, else "what (tx N)". */
    void printTx(String what, long txId) {
        if (json) {
            ObjectNode node = object();
            node.put("txId", txId);
            printJson(node);
        } else {
            out().println(what + " (tx " + txId + ")");
            out().flush();
        }
    }

    static ObjectNode object() {
        return ValueJson.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return ValueJson.MAPPER.createArrayNode();
    }

    /**
     * Runs {@code work} in one transaction with origin {@code cli} and commits it when it returns;
     * when it throws, nothing is written. A conflict reruns it from a fresh snapshot up to
     * {@code attempts} times, so only work that is safe to repeat should ask for more than one.
     */
    static <T> Committed<T> commit(Vessel vessel, String note, int attempts, Function<Transaction, T> work) {
        return vessel.image().inTransaction(note, ORIGIN, attempts, tx -> {
            T value = work.apply(tx);
            // Committing here, not in inTransaction, is what lets the caller learn the txId.
            long txId = tx.isOpen() ? tx.commit() : 0;
            return new Committed<>(value, txId);
        });
    }

    /**
     * What a committed command did.
     *
     * @param value its answer
     * @param txId  the transaction that recorded it, or 0 when nothing changed
     */
    record Committed<T>(T value, long txId) {
    }

    /** Parses a JSON argument, refusing it (exit 2) before anything is opened or written. */
    static Object parseValue(String what, String text) {
        try {
            return ValueJson.parse(text);
        } catch (ImageException e) {
            throw new ImageException(e.code(), what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a volatile ({@code _v_}) slot name: such a slot lives only as long as this very
     * process, so writing one from the command line would silently do nothing.
     */
    static void requirePersistentSlot(String slot) {
        if (Values.isVolatile(slot)) {
            throw new ImageException(ImageException.Code.USAGE,
                    "slot '" + slot + "' is volatile (_v_): it lives in a running process, not in the image");
        }
    }

    /** JSON as every command prints it (indented: people read it too), so output reads the same everywhere. */
    static String jsonText(JsonNode document) {
        try {
            return ValueJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot print JSON: " + e.getOriginalMessage(), e);
        }
    }
}
