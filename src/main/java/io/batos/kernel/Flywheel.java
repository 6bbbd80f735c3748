package io.batos.kernel;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import io.batos.events.EventBus;
import io.batos.guardian.CovenantSource;
import io.batos.guardian.DataGuardian;
import io.batos.image.BlobRef;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.Transaction;
import io.batos.memory.FractalMemory;
import io.batos.memory.flywheel.ChatExample;
import io.batos.memory.flywheel.Curator;
import io.batos.memory.flywheel.Dataset;
import io.batos.memory.flywheel.DatasetExample;
import io.batos.memory.flywheel.Datasets;
import io.batos.memory.flywheel.FlywheelGenesis;
import io.batos.memory.flywheel.MetaAnalysis;
import io.batos.memory.flywheel.MetacognitionReport;
import io.batos.memory.flywheel.ReviewStatus;
import io.batos.code.Primitives;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The self-tuning flywheel of one open image: ALFRED's meta-analysis and curation, and the
 * architect's review and export of the datasets — what {@code batos metacognition} and
 * {@code batos dataset}, the server's {@code report}/{@code datasets}/{@code dataset} ops and the
 * workbench all call.
 *
 * <p>Why in the kernel: curation announces on the process's event bus, and an export must pass the
 * chat-format schema ({@code schemas/chat-example.json}) through the DataGuardian, which the memory
 * layer does not see. Reviews and curation commit; everything else only reads.
 */
public final class Flywheel {
    /** The covenant name the chat-format schema goes by in the guardian. */
    static final String CHAT_EXAMPLE = "ChatExample";

    private final LivingImage image;
    private final FractalMemory memory;
    private final Curator curator;
    private final DataGuardian chatGuardian = new DataGuardian(CovenantSource.of(Map.of(CHAT_EXAMPLE, chatSchema())));

    Flywheel(LivingImage image, FractalMemory memory, EventBus events) {
        this.image = image;
        this.memory = memory;
        this.curator = new Curator(image, memory, events);
    }

    /** Binds ALFRED's {@code analyzeCognitiveCycles} and {@code curateFineTuningDatasets} primitives. */
    void registerPrimitives(Primitives primitives) {
        primitives.register(FlywheelGenesis.ANALYZE_PRIMITIVE, (self, args) -> report().toMap());
        primitives.register(FlywheelGenesis.CURATE_PRIMITIVE, (self, args) -> curate().toMap());
    }

    /** ALFRED's meta-analysis of every cycle remembered, the log's newest events included; commits nothing. */
    public MetacognitionReport report() {
        return MetaAnalysis.analyze(memory.cycles());
    }

    /** Curates the datasets that are due (see {@link Curator}); commits only when it makes one. */
    public Curator.Result curate() {
        return curator.curate();
    }

    /** Every curated dataset, oldest first. */
    public List<Dataset> datasets() {
        return read(tx -> Datasets.in(tx).map(Datasets::all).orElse(List.of()));
    }

    /** One dataset; NOT_FOUND naming the ids there are. */
    public Dataset dataset(String id) {
        return read(tx -> Datasets.require(tx).require(id));
    }

    /**
     * Records the architect's review of one example, in one transaction.
     *
     * @param edit   for {@link ReviewStatus#EDITED}: the new example — a JSON object with
     *               {@code messages} — or any other text, which replaces the assistant's turn
     *               (a method's answer is itself JSON); ignored otherwise
     * @param origin who reviews ({@code cli}, {@code workbench}, {@code net}), recorded with the transaction
     * @return the transaction
     * @throws ImageException USAGE when an edit is not a valid chat example (nothing is written);
     *                        NOT_FOUND for an unknown dataset or example
     */
    public long review(String id, int number, ReviewStatus status, String edit, String origin) {
        if (status == ReviewStatus.PENDING) {
            throw new ImageException(ImageException.Code.USAGE, "a review accepts, rejects or edits an example");
        }
        BlobRef edited = null;
        if (status == ReviewStatus.EDITED) {
            if (edit == null || edit.isBlank()) {
                throw new ImageException(ImageException.Code.USAGE, "an edit needs the new example or answer");
            }
            DatasetExample example = example(dataset(id), number);
            ChatExample replacement = ChatExample.isExample(edit) ? ChatExample.parse(edit)
                    : example.curated().withAssistant(edit.strip());
            String line = checked(replacement, "the edited example");
            edited = image.blobs().put(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        BlobRef blob = edited;
        return image.inTransaction("review dataset " + id + " example " + number + ": " + status.word(), origin,
                tx -> {
                    Datasets.require(tx).review(id, number, status, blob);
                    return tx.commit();
                });
    }

    /**
     * What an export wrote.
     *
     * @param examples lines written
     * @param left     examples left out (rejected, or not accepted with {@code acceptedOnly})
     */
    public record Export(Path file, int examples, int left) {
    }

    /**
     * Writes a dataset as JSONL in chat format, each line checked against the chat-format schema;
     * the file appears whole or not at all. Rejected examples are never exported; with
     * {@code acceptedOnly}, pending ones are left out too. An edited example is exported as edited.
     */
    public Export export(String id, Path out, boolean acceptedOnly) {
        Dataset dataset = dataset(id);
        StringBuilder jsonl = new StringBuilder();
        int written = 0;
        for (DatasetExample e : dataset.examples()) {
            boolean wanted = e.status() != ReviewStatus.REJECTED && (!acceptedOnly || e.status().accepted());
            if (wanted && e.effective() != null) {
                jsonl.append(checked(e.effective(), "example " + e.number())).append('\n');
                written++;
            }
        }
        Path target = out.toAbsolutePath();
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".batos-export-", ".jsonl");
            try {
                try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    w.write(jsonl.toString());
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ImageException(ImageException.Code.ERROR, "cannot write " + target + ": " + e.getMessage(), e);
        }
        return new Export(target, written, dataset.examples().size() - written);
    }

    /** The example's JSON line, or USAGE naming the first way it breaks the chat-format schema. */
    private String checked(ChatExample example, String what) {
        String line = example.toJsonLine();
        Verdict verdict = chatGuardian.validate(CHAT_EXAMPLE, line);
        if (!verdict.accepted()) {
            Finding first = verdict.findings().get(0);
            throw new ImageException(ImageException.Code.USAGE, what + " breaks the chat format: " + first.message());
        }
        return line;
    }

    private static DatasetExample example(Dataset dataset, int number) {
        if (number < 1 || number > dataset.examples().size()) {
            throw new ImageException(ImageException.Code.NOT_FOUND, "dataset " + dataset.id() + " has no example "
                    + number + " (it has " + dataset.examples().size() + ")");
        }
        return dataset.examples().get(number - 1);
    }

    private <T> T read(java.util.function.Function<Transaction, T> work) {
        try (Transaction tx = image.begin("read datasets", "flywheel")) {
            return work.apply(tx);
        }
    }

    /** The chat-format JSON Schema shipped with the build. */
    static String chatSchema() {
        try (InputStream in = Flywheel.class.getResourceAsStream("/schemas/chat-example.json")) {
            if (in == null) {
                throw new IllegalStateException("this build lacks /schemas/chat-example.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
