package io.batos.metacognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.events.Event;
import io.batos.kernel.LocalEventBus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer: nothing lost across a clean close under eight concurrent writers, each writer's
 * order kept; a writer that cannot keep up slows its callers for a bounded time, then drops and
 * counts; flush and close put everything on disk; a torn tail left by a crash is cut before
 * appending; a closed log refuses loudly.
 */
class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void eightConcurrentWritersLoseNothingAcrossACleanClose() throws Exception {
        int writers = 8;
        int each = 12_500;
        AuditLog log = AuditLog.open(dir);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "writer-" + w;
            running.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (long n = 0; n < each; n++) {
                    log.append(AuditRecords.numbered(id, n));
                }
            }, runnable -> new Thread(runnable, id).start()));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        log.close();

        assertThat(log.dropped()).isZero();
        assertThat(log.written()).isEqualTo((long) writers * each);
        AuditLogReader.ReadResult read = AuditLogReader.read(dir.resolve(AuditLog.FILE_NAME), 0);
        assertThat(read.problems()).isEmpty();
        assertThat(read.tornTail()).isFalse();
        assertThat(read.entries()).hasSize(writers * each);
        Map<String, Long> next = new HashMap<>();
        for (AuditLogReader.Entry entry : read.entries()) {
            String writer = entry.record().cycleId();
            long expected = next.getOrDefault(writer, 0L);
            assertThat(entry.record().transactionId()).as("the next record of %s", writer).isEqualTo(expected);
            next.put(writer, expected + 1);
        }
        assertThat(next).hasSize(writers).allSatisfy((writer, count) -> assertThat(count).isEqualTo(each));
        assertThat(read.endOffset()).isEqualTo(Files.size(dir.resolve(AuditLog.FILE_NAME)));
    }

    @Test
    void flushPutsEverythingAppendedSoFarInTheFile() {
        try (AuditLog log = AuditLog.open(dir)) {
            for (long n = 0; n < 1_000; n++) {
                log.append(AuditRecords.numbered("c", n));
            }
            log.flush();
            List<AuditLogReader.Entry> entries = AuditLogReader.read(log.file(), 0).entries();
            assertThat(entries).hasSize(1_000);
            assertThat(entries.get(999).record()).isEqualTo(AuditRecords.numbered("c", 999));
        }
    }

    @Test
    void aWriterThatMakesNoProgressCostsOneBoundedWaitThenRecordsAreDroppedAndCounted() throws Exception {
        Duration maxBlock = Duration.ofMillis(300);
        AuditLog log = AuditLog.open(dir, 4, maxBlock);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> stall = log.onWriterThread(() -> {
            stalled.countDown();
            return release.await(30, TimeUnit.SECONDS);
        });
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
        for (long n = 0; n < 4; n++) {
            log.append(AuditRecords.numbered("kept", n)); // the queue holds four
        }
        long before = System.nanoTime();
        log.append(AuditRecords.numbered("dropped", 0)); // waits for room, in vain
        long waited = System.nanoTime() - before;
        assertThat(waited).isGreaterThanOrEqualTo(maxBlock.toNanos());
        assertThat(log.dropped()).isEqualTo(1);

        before = System.nanoTime();
        for (long n = 1; n < 100; n++) {
            log.append(AuditRecords.numbered("dropped", n)); // the writer is known to be stuck: no more waits
        }
        assertThat(System.nanoTime() - before).isLessThan(maxBlock.toNanos());
        assertThat(log.dropped()).isEqualTo(100);

        release.countDown();
        assertThat(stall.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        log.append(AuditRecords.numbered("kept", 4)); // the writer moves again: appends are written again
        log.close();
        List<AuditLogReader.Entry> entries = AuditLogReader.read(log.file(), 0).entries();
        assertThat(entries).extracting(e -> e.record().cycleId() + "#" + e.record().transactionId())
                .containsExactly("kept#0", "kept#1", "kept#2", "kept#3", "kept#4");
        assertThat(log.dropped()).isEqualTo(100);
    }

    @Test
    void appendAfterCloseThrowsAndCloseIsIdempotent() {
        AuditLog log = AuditLog.open(dir);
        log.append(AuditRecords.numbered("c", 0));
        log.close();
        log.close();
        log.flush(); // nothing left to wait for
        assertThatThrownBy(() -> log.append(AuditRecords.numbered("c", 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(log::rotate).isInstanceOf(IllegalStateException.class);
        assertThat(AuditLogReader.read(log.file(), 0).entries()).hasSize(1);
    }

    @Test
    void aTornLineLeftByACrashIsCutBeforeTheNextAppend() throws Exception {
        Path file = dir.resolve(AuditLog.FILE_NAME);
        String whole = AuditRecords.numbered("before", 0).toJson() + "\n";
        String torn = AuditRecords.numbered("torn", 1).toJson().substring(0, 50);
        Files.writeString(file, whole + torn, StandardCharsets.UTF_8);
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(AuditRecords.numbered("after", 2));
        }
        AuditLogReader.ReadResult read = AuditLogReader.read(file, 0);
        assertThat(read.problems()).isEmpty();
        assertThat(read.tornTail()).isFalse();
        assertThat(read.entries()).extracting(e -> e.record().cycleId()).containsExactly("before", "after");
        assertThat(read.entries().get(1).offset()).isEqualTo(whole.length());
    }

    @Test
    void aFileOfOnlyATornLineIsCutToEmpty() throws Exception {
        Path file = dir.resolve(AuditLog.FILE_NAME);
        Files.writeString(file, "{\"timestamp\": \"2026", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        AuditLog.open(dir).close();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void theSubscriptionWritesOnlyItsTopicKeepsTheFifteenFieldsAndCountsStragglersAfterClose() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        AuditLog log = AuditLog.open(dir);
        log.subscribe(bus, "psm");
        bus.publish(Event.of("psm", "VALIDATION_FAILURE", AuditRecords.validationFailureEvent()));
        bus.publish(Event.of("tx", "COMMIT", Map.of("txId", 7L)));
        log.close();
        bus.publish(Event.of("psm", "CYCLE_FAILED", AuditRecords.validationFailureEvent()));
        assertThat(log.dropped()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log.file());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo(AuditRecord.of(AuditRecords.validationFailureEvent()).toJson())
                .doesNotContain("parent_cycle");
    }

    @Test
    void closingTheSubscriptionStopsTheRecords() throws Exception {
        LocalEventBus bus = new LocalEventBus();
        try (AuditLog log = AuditLog.open(dir)) {
            AutoCloseable subscription = log.subscribe(bus, "psm");
            bus.publish(Event.of("psm", "VALIDATION_FAILURE", AuditRecords.validationFailureEvent()));
            subscription.close();
            bus.publish(Event.of("psm", "VALIDATION_FAILURE", AuditRecords.validationFailureEvent()));
            log.flush();
            assertThat(Files.readAllLines(log.file())).hasSize(1);
            assertThat(log.dropped()).isZero();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
