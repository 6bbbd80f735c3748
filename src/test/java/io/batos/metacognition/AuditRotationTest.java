package io.batos.metacognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation, the contract ingestion relies on: records appended before {@code rotate()} are in
 * the archive of the old generation, records after it in the fresh live file; generations advance
 * and survive a reopen in the sidecar; records appended during a rotation land whole, once, in
 * order; a rotation cut short by a crash never lets a later one overwrite an archive.
 */
class AuditRotationTest {
    @TempDir
    Path dir;

    private List<Long> numbers(Path file) {
        AuditLogReader.ReadResult read = AuditLogReader.read(file, 0);
        assertThat(read.problems()).isEmpty();
        assertThat(read.tornTail()).isFalse();
        return read.entries().stream().map(e -> e.record().transactionId()).toList();
    }

    @Test
    void appendsBeforeAndAfterARotationLandInTheRightFilesAndGenerationsAdvance() throws Exception {
        Path live = dir.resolve(AuditLog.FILE_NAME);
        try (AuditLog log = AuditLog.open(dir)) {
            assertThat(log.generation()).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("metacognition.generation"))).isFalse();
            for (long n = 0; n < 3; n++) {
                log.append(AuditRecords.numbered("c", n));
            }
            AuditLog.Rotation first = log.rotate();
            assertThat(first).isEqualTo(new AuditLog.Rotation(1, dir.resolve("metacognition.1.jsonl"), 2));
            assertThat(log.generation()).isEqualTo(2);
            assertThat(numbers(first.archive())).containsExactly(0L, 1L, 2L);
            assertThat(Files.size(live)).isZero();
            log.append(AuditRecords.numbered("c", 3));
            log.append(AuditRecords.numbered("c", 4));
        }
        assertThat(numbers(live)).containsExactly(3L, 4L);
        assertThat(Files.readString(dir.resolve("metacognition.generation"), StandardCharsets.UTF_8)).isEqualTo("2\n");

        try (AuditLog reopened = AuditLog.open(dir)) {
            assertThat(reopened.generation()).isEqualTo(2);
            reopened.append(AuditRecords.numbered("c", 5));
            AuditLog.Rotation second = reopened.rotate();
            assertThat(second).isEqualTo(new AuditLog.Rotation(2, dir.resolve("metacognition.2.jsonl"), 3));
            AuditLog.Rotation empty = reopened.rotate(); // nothing appended since: an empty archive, still a generation
            assertThat(empty.archivedGeneration()).isEqualTo(3);
            assertThat(Files.size(empty.archive())).isZero();
        }
        assertThat(numbers(dir.resolve("metacognition.1.jsonl"))).containsExactly(0L, 1L, 2L);
        assertThat(numbers(dir.resolve("metacognition.2.jsonl"))).containsExactly(3L, 4L, 5L);
        assertThat(numbers(live)).isEmpty();
        assertThat(AuditLog.open(dir)).satisfies(log -> {
            assertThat(log.generation()).isEqualTo(4);
            log.close();
        });
    }

    @Test
    void recordsAppendedDuringRotationsLandWholeOnceAndInOrder() throws Exception {
        int writers = 4;
        long each = 5_000;
        List<Path> files = new ArrayList<>();
        try (AuditLog log = AuditLog.open(dir)) {
            AtomicBoolean go = new AtomicBoolean();
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String id = "w" + w;
                running.add(CompletableFuture.runAsync(() -> {
                    while (!go.get()) {
                        Thread.onSpinWait();
                    }
                    for (long n = 0; n < each; n++) {
                        log.append(AuditRecords.numbered(id, n));
                    }
                }, r -> new Thread(r, id).start()));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
            go.set(true);
            while (files.size() < 5 || !all.isDone() && files.size() < 40) {
                files.add(log.rotate().archive()); // as fast as it goes, while the writers append
            }
            all.get(60, TimeUnit.SECONDS);
        }
        files.add(dir.resolve(AuditLog.FILE_NAME));
        Map<String, Long> next = new HashMap<>();
        long total = 0;
        for (Path file : files) {
            AuditLogReader.ReadResult read = AuditLogReader.read(file, 0);
            assertThat(read.problems()).as(file.toString()).isEmpty();
            assertThat(read.tornTail()).as(file.toString()).isFalse();
            for (AuditLogReader.Entry entry : read.entries()) {
                String writer = entry.record().cycleId();
                long expected = next.getOrDefault(writer, 0L);
                assertThat(entry.record().transactionId()).as("%s in %s", writer, file).isEqualTo(expected);
                next.put(writer, expected + 1);
                total++;
            }
        }
        assertThat(total).isEqualTo(writers * each);
        for (int i = 0; i < files.size() - 1; i++) {
            assertThat(files.get(i).getFileName().toString()).isEqualTo("metacognition." + (i + 1) + ".jsonl");
        }
    }

    @Test
    void aRotationCutShortByACrashNeverLetsTheNextOneOverwriteItsArchive() throws Exception {
        try (AuditLog log = AuditLog.open(dir)) {
            log.append(AuditRecords.numbered("c", 0));
        }
        // The crash: the live file was renamed to generation 1's archive, the sidecar still says 1.
        Files.writeString(dir.resolve("metacognition.generation"), "1\n");
        Files.move(dir.resolve(AuditLog.FILE_NAME), dir.resolve("metacognition.1.jsonl"),
                StandardCopyOption.ATOMIC_MOVE);
        try (AuditLog log = AuditLog.open(dir)) {
            assertThat(log.generation()).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("metacognition.generation"))).isEqualTo("2\n");
            log.append(AuditRecords.numbered("c", 1));
            assertThat(log.rotate().archive()).isEqualTo(dir.resolve("metacognition.2.jsonl"));
        }
        assertThat(numbers(dir.resolve("metacognition.1.jsonl"))).containsExactly(0L);
        assertThat(numbers(dir.resolve("metacognition.2.jsonl"))).containsExactly(1L);
    }

    @Test
    void anUnreadableSidecarIsRecoveredFromTheArchives() throws Exception {
        Files.writeString(dir.resolve("metacognition.1.jsonl"), "");
        Files.writeString(dir.resolve("metacognition.2.jsonl"), "");
        Files.writeString(dir.resolve("metacognition.generation"), "two\n");
        try (AuditLog log = AuditLog.open(dir)) {
            assertThat(log.generation()).isEqualTo(3);
        }
        assertThat(Files.readString(dir.resolve("metacognition.generation"))).isEqualTo("3\n");
    }
}
