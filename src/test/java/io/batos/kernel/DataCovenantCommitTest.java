package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.batos.code.Finding;
import io.batos.cognition.psm.Codex;
import io.batos.guardian.DataCovenantException;
import io.batos.guardian.DataGuardian;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.object.UvmObject;
import io.batos.testing.FileHash;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Covenant at commit, through the kernel on a real image: an object whose own
 * {@code covenant} slot names a covenant of ALFRED's codex is validated at every commit that
 * changes it, whichever door the change comes through; a violation fails that commit and writes
 * nothing; other commits are untouched.
 */
class DataCovenantCommitTest {
    private static final String STEPS = "[{\"persona\": \"BRICK\", \"task\": \"plan\"}, "
            + "{\"persona\": \"ROBIN\", \"task\": \"write\"}]";
    private static final String GREETING = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object",
             "properties": {"text": {"type": "string", "minLength": 1}},
             "required": ["text"], "additionalProperties": false}""";

    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;
    long plan;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        plan = kernel.cloneInto(kernel.lobby(), "plan");
        kernel.setJson(plan, "goal", "\"greet the architect\"");
        kernel.setJson(plan, "steps", STEPS);
        assertThat(kernel.setJson(plan, "covenant", "\"MissionPlan\"")).isPositive();
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    /** Asserts that {@code commit} is refused by the covenant and that the image did not change. */
    private DataCovenantException refused(ThrowingCallable commit) {
        Path log = dir.resolve("image.log");
        Path index = dir.resolve("index.db");
        String before = FileHash.fromChild(log, index);
        long lastTx = vessel.image().lastTx();
        Throwable thrown = catchThrowable(commit);
        assertThat(thrown).isInstanceOf(DataCovenantException.class);
        assertThat(((ImageException) thrown).code()).isEqualTo(ImageException.Code.REJECTED);
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
        assertThat(FileHash.fromChild(log, index)).as("image.log and index.db").isEqualTo(before);
        return (DataCovenantException) thrown;
    }

    @SuppressWarnings("unchecked")
    private static void addCovenant(UvmObject lobby, String name, String schema) {
        UvmObject alfred = Codex.persona(lobby, "ALFRED").orElseThrow();
        Map<String, Object> codex = (Map<String, Object>) alfred.get(Codex.CODEX_SLOT);
        ((Map<String, Object>) codex.get(Codex.COVENANTS)).put(name, schema);
        alfred.markChanged();
    }

    @Test
    void aValidEditOfACovenantedObjectCommits() {
        assertThat(kernel.setJson(plan, "goal", "\"greet everyone\"")).isPositive();
        assertThat(kernel.setJson(plan, "steps", "[{\"persona\": \"ALFRED\", \"task\": \"check\"}]")).isPositive();
        assertThat(kernel.get(plan, "goal")).isEqualTo("greet everyone");
    }

    @Test
    void anInvalidEditIsRefusedWithItsFindingsAndWritesNothing() {
        DataCovenantException e = refused(() -> kernel.setJson(plan, "steps", "[]"));
        assertThat(e.oid()).isEqualTo(plan);
        assertThat(e.covenant()).isEqualTo("MissionPlan");
        assertThat(e.verdict().errors()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(DataGuardian.RULE);
            assertThat(f.message()).startsWith("/steps: ");
        });
        assertThat(e).hasMessageStartingWith("data covenant 'MissionPlan' refused @" + plan + ", nothing committed: /steps: ")
                .hasMessageNotContaining("\n");
        assertThat(kernel.get(plan, "steps")).asList().hasSize(2);

        DataCovenantException two = refused(() -> kernel.setJson(plan, "steps", "[{\"persona\": \"HAL\"}]"));
        assertThat(two.verdict().errors()).extracting(Finding::message).containsExactlyInAnyOrder(
                "/steps/0/persona: must be one of [\"BRICK\",\"ROBIN\",\"ALFRED\",\"BABS\"], not \"HAL\"",
                "/steps/0/task: required property 'task' is missing");
        assertThat(two).hasMessageContaining("/steps/0/persona: ").hasMessageContaining("; /steps/0/task: ");
    }

    @Test
    void namingACovenantTheObjectBreaksIsRefused() {
        long draft = kernel.cloneInto(kernel.lobby(), "draft");
        kernel.setJson(draft, "goal", "\"g\"");
        DataCovenantException e = refused(() -> kernel.setJson(draft, "covenant", "\"MissionPlan\""));
        assertThat(e.verdict().errors()).extracting(Finding::message)
                .containsExactly("/steps: required property 'steps' is missing");
    }

    @Test
    void anUnknownOrNonStringCovenantFailsTheCommitNamingIt() {
        assertThat(refused(() -> kernel.setJson(plan, "covenant", "\"MisionPlan\"")))
                .hasMessageContaining("no covenant named 'MisionPlan' (known: MethodArtifact, MissionPlan, PersonaConfig)");
        assertThat(refused(() -> kernel.setJson(plan, "covenant", "5")))
                .hasMessageContaining("must name a data covenant (a string), not 5");
        assertThat(kernel.get(plan, "covenant")).isEqualTo("MissionPlan");
    }

    @Test
    void parentsMethodsPrimitivesAndVolatileSlotsAreNotData() {
        long txId = vessel.image().inTransaction("behaviour", "test", tx -> {
            UvmObject object = vessel.space().object(tx, plan);
            object.set("describe", new MethodSource("Object describe(UvmObject self, Object... args) { return 1; }"));
            object.set("advance", new Primitive("psm.idle"));
            object.set("_v_cache", new Object());
            return tx.commit();
        });
        assertThat(txId).isPositive();
    }

    @Test
    void aCommitThatDoesNotTouchACovenantedObjectIsUnaffected() {
        // tighten the covenant after the fact: the plan no longer keeps it, but nobody re-validates it…
        vessel.image().inTransaction("tighten", "test", tx -> {
            addCovenant(vessel.space().lobby(tx), "MissionPlan",
                    Codex.seed("covenants/MissionPlan.json").replace("\"minItems\": 1", "\"minItems\": 3"));
            return null;
        });
        // …until a commit changes it
        assertThat(kernel.set(kernel.lobby(), "count", 1L)).isPositive();
        assertThat(kernel.setJson(kernel.lobby(), "notes", "{\"steps\": []}")).isPositive();
        DataCovenantException e = refused(() -> kernel.setJson(plan, "goal", "\"another goal\""));
        assertThat(e.verdict().errors()).singleElement().satisfies(f -> assertThat(f.message()).startsWith("/steps: "));
    }

    @Test
    void aCovenantAddedByTheArchitectAppliesInTheSameTransaction() {
        long greeting = vessel.image().inTransaction("add a covenant and use it", "test", tx -> {
            UvmObject lobby = vessel.space().lobby(tx);
            addCovenant(lobby, "Greeting", GREETING);
            UvmObject object = lobby.clone();
            object.set("text", "hello");
            object.set("covenant", "Greeting");
            lobby.set("greeting", object);
            return object.oid();
        });
        DataCovenantException e = refused(() -> kernel.setJson(greeting, "text", "\"\""));
        assertThat(e.covenant()).isEqualTo("Greeting");
        assertThat(e.verdict().errors()).singleElement().satisfies(f -> assertThat(f.message()).startsWith("/text: "));
        assertThat(kernel.checkData("Greeting", "{\"text\": \"hi\"}").accepted()).isTrue();
        assertThat(kernel.checkData("Greeting", "{\"text\": \"hi\", \"to\": \"you\"}").errors())
                .extracting(Finding::message).containsExactly("/to: property 'to' is not allowed here (allowed: text)");
    }

    @Test
    void aMethodThatBreaksTheCovenantFailsItsOwnCommit() {
        DataCovenantException e = refused(() -> kernel.evaluate(plan,
                "self.set(\"steps\", new ArrayList<>()); self.set(\"owner\", \"me\"); return null;"));
        assertThat(e.verdict().errors()).extracting(Finding::message).hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("/steps: "))
                .anySatisfy(m -> assertThat(m).startsWith("/owner: property 'owner' is not allowed here"));
    }

    @Test
    void aCovenantIsCompiledOnceHoweverManyCommitsCheckIt() {
        for (int i = 0; i < 5; i++) {
            kernel.setJson(plan, "goal", "\"goal " + i + "\"");
        }
        try (Transaction tx = vessel.image().begin("look")) {
            assertThat(vessel.dataGuardian(tx).compiler().compilations()).isEqualTo(1);
        }
    }

    @Test
    void checkDataReadsTheCodexWritesNothingAndRefusesAnUnknownCovenant() {
        long lastTx = vessel.image().lastTx();
        assertThat(kernel.checkData("MissionPlan", "{\"goal\": \"g\", \"steps\": " + STEPS + "}").accepted()).isTrue();
        assertThat(kernel.checkData("MethodArtifact", "{}").errors()).hasSize(3);
        assertThatThrownBy(() -> kernel.checkData("Nope", "{}")).isInstanceOfSatisfying(ImageException.class,
                e -> assertThat(e.code()).isEqualTo(ImageException.Code.NOT_FOUND));
        assertThat(vessel.image().lastTx()).isEqualTo(lastTx);
    }
}
