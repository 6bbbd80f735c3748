package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.cognition.psm.CycleOutcome;
import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.testing.Eventually;
import io.batos.testing.ScriptedLanguageModel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's verdict queue and model facade: snapshots of a parked cycle, its object before and
 * after it commits, the decisions' errors, and a model import cancelled from another thread.
 */
class CyclesTest {
    @TempDir
    Path dir;
    Vessel vessel;
    Kernel kernel;
    long lobby;

    @BeforeEach
    void open() {
        vessel = Vessel.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        kernel = new Kernel(vessel, "test");
        lobby = kernel.lobby();
        vessel.cognitiveCore().attach(new ScriptedLanguageModel()
                .on("MissionPlan", ScriptedLanguageModel.plan("fibonacci"))
                .on("MethodArtifact", ScriptedLanguageModel.artifact("fibonacci", PsmTest.FIB)));
    }

    @AfterEach
    void close() {
        vessel.close();
    }

    private CycleInfo park() {
        CompletableFuture.runAsync(() -> new SendScope(false, true).run(() -> kernel.send(lobby, "fibonacci", 9L)));
        Eventually.until(() -> !kernel.awaitingApproval().isEmpty());
        return kernel.awaitingApproval().get(0);
    }

    @Test
    void aParkedCyclesObjectIsDescribedFromItsCycleAndTheCommittedOneFromTheImage() {
        CycleInfo parked = park();
        assertThat(parked.awaitingApproval()).isTrue();
        assertThat(parked.artifactSource()).isEqualTo(PsmTest.FIB);
        assertThat(parked.replaces()).isFalse();
        assertThat(kernel.cycles()).extracting(CycleInfo::id).containsExactly(parked.id());

        ObjectDescription before = kernel.describeCycle(parked.id());
        assertThat(before.oid()).isEqualTo(parked.objectOid()).isPositive();
        assertThat(before.slots()).extracting(SlotDescription::name)
                .contains("cycleId", "missionBrief", "correctionDepth", "activePersona", "synthesisState");
        SlotDescription state = before.slots().stream().filter(s -> s.name().equals("synthesisState")).findFirst()
                .orElseThrow();
        assertThat(kernel.get(state.ref(), "name")).isEqualTo("VALIDATING");

        CycleOutcome outcome = kernel.approve(parked.id());
        assertThat(outcome.complete()).isTrue();
        ObjectDescription after = kernel.describeCycle(parked.id());
        assertThat(after.oid()).isEqualTo(parked.objectOid());
        assertThat(after.slots()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("outcome");
            assertThat(s.json()).isEqualTo("\"COMPLETE\"");
        });
        assertThat(kernel.cycle(parked.id()).outcome().txId()).isEqualTo(outcome.txId());
        assertThat(kernel.awaitingApproval()).isEmpty();
    }

    @Test
    void decidingAnUnknownOrUnparkedCycleIsRefusedWithAReason() {
        assertThatThrownBy(() -> kernel.approve("nope")).isInstanceOf(ImageException.class)
                .hasMessage("no cycle nope");
        CycleInfo parked = park();
        kernel.reject(parked.id(), null);
        assertThat(kernel.cycle(parked.id()).findings()).contains("rejected by the architect");
        assertThatThrownBy(() -> kernel.reject(parked.id(), "again")).isInstanceOf(ImageException.class)
                .hasMessageContaining("is not awaiting approval");
    }

    @Test
    void aDemoImportCancelledFromAnotherThreadStopsBeforeItsNextFileAndRecordsNothing() throws Exception {
        long before = vessel.image().lastTx();
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        CompletableFuture<ModelCore> demo = CompletableFuture.supplyAsync(() -> {
            worker[0] = Thread.currentThread();
            return kernel.demoModel((file, bytes, index, count) -> {
                storing.countDown();
                try {
                    cancelled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
        assertThat(storing.await(30, TimeUnit.SECONDS)).isTrue();
        kernel.cancel(worker[0]);
        cancelled.countDown();
        assertThat(demo).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(vessel.image().lastTx()).isEqualTo(before);
        assertThat(vessel.cognitiveCore().record()).isEmpty();
    }
}
