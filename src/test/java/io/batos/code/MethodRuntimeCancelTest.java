package io.batos.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.object.Genesis;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling a running send from another thread. */
class MethodRuntimeCancelTest {
    @TempDir
    Path dir;
    LivingImage image;
    ObjectSpace space;
    MethodRuntime runtime;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir, LivingImage.OpenMode.CREATE);
        space = new ObjectSpace(image);
        new Genesis(Genesis.coreSteps()).apply(space);
        runtime = new MethodRuntime(dir.resolve("vessel"), new Primitives());
        // A budget far longer than the test waits, so only the cancel can end the loop.
        runtime.setLimits(60_000, 64);
        space.setMethodInvoker(runtime);
    }

    @AfterEach
    void close() {
        image.close();
    }

    private Object in(Function<UvmObject, Object> work) {
        return space.inTransaction("test", "test", tx -> work.apply(space.lobby(tx)));
    }

    private Throwable runCancelled(Function<UvmObject, Object> work) throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Object> send = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                send.complete(in(work));
            } catch (Throwable t) {
                send.completeExceptionally(t);
            }
        }, "spinner");
        worker.set(thread);
        thread.start();
        Thread.sleep(100);
        assertThat(send).isNotDone();
        // Cancel reaches only a send that is running: on a loaded machine the spinner may still be
        // compiling its methods, so cancel again until it has ended (it never ends on its own).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!send.isDone() && System.nanoTime() < deadline) {
            runtime.cancel(thread);
            try {
                send.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | ExecutionException e) {
                // not yet, or ended: the loop condition looks again
            }
        }
        Throwable failure = null;
        try {
            send.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        thread.join(5_000);
        return failure;
    }

    @Test
    @Timeout(30)
    void aCancelledSendEndsIsNotQuarantinedAndTheImageStaysUsable() throws Exception {
        String source = "Object spin(UvmObject self, Object... args) { while (true) { } }";
        Throwable failure = runCancelled(lobby -> lobby.set("spin", new MethodSource(source)).send("spin"));
        assertThat(failure).isInstanceOf(ImageException.class)
                .hasMessageContaining("cancelled")
                .hasMessageNotContaining("quarantined");
        assertThat(runtime.isQuarantined(source)).isFalse();
        assertThat(in(lobby -> lobby.set("ok", 1L).send("ok"))).isEqualTo(1L);
    }

    @Test
    @Timeout(30)
    void aCancelledEvaluationInsideNestedSendsEnds() throws Exception {
        String spin = "Object spin(UvmObject self, Object... args) { while (true) { } }";
        String outer = "Object outer(UvmObject self, Object... args) { return self.send(\"spin\"); }";
        Throwable failure = runCancelled(lobby -> runtime.evaluate(
                lobby.set("spin", new MethodSource(spin)).set("outer", new MethodSource(outer)),
                "self.send(\"outer\")"));
        assertThat(failure).isInstanceOf(ImageException.class).hasMessageContaining("cancelled");
        assertThat(runtime.isQuarantined(spin)).isFalse();
        assertThat(runtime.isQuarantined(outer)).isFalse();
        assertThat(in(lobby -> runtime.evaluate(lobby, "6 * 7"))).isEqualTo(42);
    }

    @Test
    void cancellingAThreadThatIsNotSendingDoesNothing() {
        runtime.cancel(Thread.currentThread());
        assertThat(in(lobby -> runtime.evaluate(lobby, "1 + 1"))).isEqualTo(2);
    }
}
