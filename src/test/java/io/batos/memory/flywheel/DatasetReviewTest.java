package io.batos.memory.flywheel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.kernel.Flywheel;
import io.batos.kernel.Vessel;
import io.batos.memory.AuditLines;
import io.batos.memory.flywheel.Missions.Attempt;
import io.batos.memory.flywheel.Missions.End;
import io.batos.testing.Schemas;
import io.batos.testing.Codexes;
import io.batos.testing.FileHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architect's side of the flywheel: review example by example (undoable commits), refuse a bad
 * edit without writing, and export JSONL that validates against the chat-format schema and reads
 * back as exactly the reviewed examples.
 */
class DatasetReviewTest {
    @TempDir
    Path dir;

    private Vessel vessel;
    private Flywheel flywheel;

    @BeforeEach
    void curateThree() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        flywheel = vessel.flywheel();
        Codexes.setAlfred(vessel, Curator.THRESHOLD_KEY, 3L);
        Instant t = Instant.parse("2026-11-03T00:00:00Z");
        for (String selector : List.of("one", "two", "three")) {
            String source = "Object " + selector + "(UvmObject self, Object... args) { return \"" + selector + "\"; }";
            long receiver = vessel.image().inTransaction("install", tx -> {
                long oid = tx.create();
                tx.set(oid, selector, new MethodSource(source));
                return oid;
            });
            Attempt a = new Attempt("e0000000000" + selector.length() + selector.charAt(0), "method", selector,
                    End.COMPLETE, null, null, false, vessel.image().lastTx(), receiver, source);
            AuditLines.append(dir.resolve("image/metacognition.jsonl"), Missions.lines(a, t));
            t = t.plusSeconds(1);
        }
        vessel.memory().ingest();
        assertThat(flywheel.curate().datasets()).hasSize(1);
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    @Test
    void reviewsAreCommitsAndExportsFollowThem() throws Exception {
        long accepted = flywheel.review("1", 1, ReviewStatus.ACCEPTED, null, "test");
        flywheel.review("1", 2, ReviewStatus.REJECTED, null, "test");
        String better = "{\"selector\": \"three\", \"source\": \"Object three(UvmObject self, Object... args) { return 3L; }\","
                + " \"rationale\": \"a number reads better\"}";
        flywheel.review("1", 3, ReviewStatus.EDITED, better, "test");
        assertThat(vessel.image().transaction(accepted).origin()).isEqualTo("test");

        Dataset d = flywheel.dataset("1");
        assertThat(d.examples()).extracting(DatasetExample::status)
                .containsExactly(ReviewStatus.ACCEPTED, ReviewStatus.REJECTED, ReviewStatus.EDITED);
        assertThat(d.examples().get(2).effective().assistant()).isEqualTo(better);
        assertThat(d.examples().get(2).curated().assistant()).as("the curated text stays").isNotEqualTo(better);

        Path all = dir.resolve("out/all.jsonl");
        Flywheel.Export export = flywheel.export("1", all, false);
        assertThat(export.examples()).isEqualTo(2);
        assertThat(export.left()).isEqualTo(1);
        List<String> lines = Files.readAllLines(all, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(Schemas.problems("schemas/chat-example.json", line)).as(line).isEmpty();
        }
        // the round trip: what was exported reads back as the reviewed examples, in order
        assertThat(lines.stream().map(ChatExample::parse).toList())
                .containsExactly(d.examples().get(0).effective(), d.examples().get(2).effective());

        // undo takes the edit back like any other change
        vessel.image().undo(vessel.image().lastTx());
        assertThat(flywheel.dataset("1").examples().get(2).status()).isEqualTo(ReviewStatus.PENDING);
        Flywheel.Export pendingToo = flywheel.export("1", dir.resolve("out/pending.jsonl"), false);
        assertThat(pendingToo.examples()).isEqualTo(2);
        Flywheel.Export acceptedOnly = flywheel.export("1", dir.resolve("out/accepted.jsonl"), true);
        assertThat(acceptedOnly.examples()).isEqualTo(1);
        assertThat(Files.readAllLines(dir.resolve("out/accepted.jsonl")).stream().map(ChatExample::parse).toList())
                .containsExactly(d.examples().get(0).effective());
    }

    @Test
    void anEditOfTheAnswerAsPlainTextKeepsTheConversation() {
        flywheel.review("1", 1, ReviewStatus.EDITED, "just the answer", "test");
        DatasetExample e = flywheel.dataset("1").examples().get(0);
        assertThat(e.effective().assistant()).isEqualTo("just the answer");
        assertThat(e.effective().messages().subList(0, 2)).isEqualTo(e.curated().messages().subList(0, 2));
    }

    @Test
    void badReviewsAreRefusedInOneLineAndTheImageStaysAsItWas() throws Exception {
        String before = FileHash.fromChild(dir.resolve("image/image.log"));
        long lastTx = vessel.image().lastTx();
        assertThatThrownBy(() -> flywheel.review("1", 1, ReviewStatus.EDITED,
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", "test"))
                .isInstanceOf(ImageException.class).hasMessage("not a chat example: the last message must be the assistant's");
        assertThatThrownBy(() -> flywheel.review("1", 1, ReviewStatus.EDITED,
                "{\"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}", "test"))
                .hasMessageContaining("message 1 needs a role");
        assertThatThrownBy(() -> flywheel.review("1", 9, ReviewStatus.ACCEPTED, null, "test"))
                .isInstanceOf(ImageException.class).hasMessage("dataset 1 has no example 9 (it has 3)");
        assertThatThrownBy(() -> flywheel.review("7", 1, ReviewStatus.ACCEPTED, null, "test"))
                .hasMessage("no dataset 7 (there are 1)");
        assertThatThrownBy(() -> flywheel.export("7", dir.resolve("x.jsonl"), false))
                .satisfies(e -> assertThat(((ImageException) e).code()).isEqualTo(ImageException.Code.NOT_FOUND));
        assertThat(Files.exists(dir.resolve("x.jsonl"))).isFalse();
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
        assertThat(FileHash.fromChild(dir.resolve("image/image.log"))).isEqualTo(before);
    }
}
