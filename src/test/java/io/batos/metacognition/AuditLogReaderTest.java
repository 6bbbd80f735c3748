package io.batos.metacognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tolerant reader: a torn last line is left for later and never fatal, a malformed line in
 * the middle is skipped and reported, and offsets let a reader resume exactly where it stopped —
 * neither a line twice nor a line skipped.
 */
class AuditLogReaderTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(AuditLog.FILE_NAME);
    }

    private static String line(String cycle, long n) {
        return AuditRecords.numbered(cycle, n).toJson() + "\n";
    }

    private void write(String text) throws Exception {
        Files.writeString(file(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aTornLastLineIsSkippedReportedAndReadOnceItIsComplete() throws Exception {
        String complete = line("c", 0) + line("c", 1) + line("c", 2);
        String fourth = line("c", 3);
        write(complete + fourth.substring(0, 60));

        AuditLogReader.ReadResult first = AuditLogReader.read(file(), 0);
        assertThat(first.entries()).extracting(e -> e.record().transactionId()).containsExactly(0L, 1L, 2L);
        assertThat(first.tornTail()).isTrue();
        assertThat(first.problems()).isEmpty();
        assertThat(first.endOffset()).isEqualTo(complete.length());

        write(fourth.substring(60)); // the writer finishes the line
        AuditLogReader.ReadResult second = AuditLogReader.read(file(), first.endOffset());
        assertThat(second.entries()).extracting(e -> e.record().transactionId()).containsExactly(3L);
        assertThat(second.entries().get(0).offset()).isEqualTo(complete.length());
        assertThat(second.tornTail()).isFalse();
        assertThat(second.endOffset()).isEqualTo(Files.size(file()));
    }

    @Test
    void aCompleteButUnparsableLastLineIsATornTailUntilALineFollowsItThenAProblem() throws Exception {
        String good = line("c", 0);
        String bad = "{\"cycle_id\": \"c\", \"event_type\": \"STATE_TRANSITION\"}\n";
        write(good + bad);

        AuditLogReader.ReadResult first = AuditLogReader.read(file(), 0);
        assertThat(first.entries()).hasSize(1);
        assertThat(first.tornTail()).isTrue();
        assertThat(first.problems()).isEmpty();
        assertThat(first.endOffset()).isEqualTo(good.length());

        write(line("c", 1));
        AuditLogReader.ReadResult second = AuditLogReader.read(file(), first.endOffset());
        assertThat(second.entries()).extracting(e -> e.record().transactionId()).containsExactly(1L);
        assertThat(second.tornTail()).isFalse();
        assertThat(second.problems()).singleElement().asString().startsWith("byte " + good.length() + ": ")
                .contains("missing field(s) [timestamp, transaction_id");
        assertThat(second.endOffset()).isEqualTo(Files.size(file()));
    }

    @Test
    void malformedLinesInTheMiddleAreSkippedAndReportedWithTheirOffsets() throws Exception {
        String a = line("c", 0);
        String garbage = "this is not json\n";
        String blank = "\n";
        String wrongType = line("c", 1).replace("\"transaction_id\":1", "\"transaction_id\":\"one\"");
        String b = line("c", 2);
        write(a + garbage + blank + wrongType + b);

        AuditLogReader.ReadResult read = AuditLogReader.read(file(), 0);
        assertThat(read.entries()).extracting(e -> e.record().transactionId()).containsExactly(0L, 2L);
        assertThat(read.entries().get(1).offset()).isEqualTo(a.length() + garbage.length() + blank.length()
                + wrongType.length());
        assertThat(read.problems()).hasSize(2);
        assertThat(read.problems().get(0)).startsWith("byte " + a.length() + ": not JSON");
        assertThat(read.problems().get(1)).startsWith("byte " + (a.length() + garbage.length() + 1) + ": ")
                .contains("transaction_id must be an integer or null, not a string");
        assertThat(read.tornTail()).isFalse();
        assertThat(read.endOffset()).isEqualTo(Files.size(file()));
    }

    @Test
    void offsetsResumeExactlyWhereAPreviousReadEnded() throws Exception {
        try (AuditLog log = AuditLog.open(dir)) {
            for (long n = 0; n < 500; n++) {
                log.append(AuditRecords.numbered("c" + n % 3, n));
            }
        }
        AuditLogReader.ReadResult all = AuditLogReader.read(file(), 0);
        assertThat(all.entries()).hasSize(500);
        for (int i = 1; i < all.entries().size(); i++) {
            assertThat(all.entries().get(i).offset()).isEqualTo(all.entries().get(i - 1).endOffset());
        }
        // From any entry's end, the rest and nothing else.
        for (int i : new int[] {0, 1, 137, 498}) {
            AuditLogReader.ReadResult rest = AuditLogReader.read(file(), all.entries().get(i).endOffset());
            assertThat(rest.entries()).isEqualTo(all.entries().subList(i + 1, 500));
        }
        // In bounded steps: the concatenation is the whole file, once.
        List<AuditLogReader.Entry> stepped = new ArrayList<>();
        long at = 0;
        int steps = 0;
        while (true) {
            AuditLogReader.ReadResult step = AuditLogReader.read(file(), at, 64);
            if (step.entries().isEmpty()) {
                assertThat(step.endOffset()).isEqualTo(at);
                break;
            }
            stepped.addAll(step.entries());
            at = step.endOffset();
            steps++;
        }
        assertThat(stepped).isEqualTo(all.entries());
        assertThat(steps).isEqualTo(8);
        assertThat(at).isEqualTo(Files.size(file()));
    }

    @Test
    void anOffsetPastTheEndOrAMissingFileIsReportedNotThrown() throws Exception {
        assertThat(AuditLogReader.read(file(), 0)).isEqualTo(new AuditLogReader.ReadResult(List.of(), 0, false,
                List.of()));
        assertThat(AuditLogReader.read(file(), 10).problems()).singleElement().asString().contains("does not exist");
        write(line("c", 0));
        AuditLogReader.ReadResult past = AuditLogReader.read(file(), 10_000);
        assertThat(past.entries()).isEmpty();
        assertThat(past.endOffset()).isEqualTo(10_000);
        assertThat(past.problems()).singleElement().asString().contains("past the end");
    }

    @Test
    void anOffsetInsideALineMakesItsFragmentAProblemNeverAWrongRecord() throws Exception {
        write(line("c", 0) + line("c", 1));
        AuditLogReader.ReadResult read = AuditLogReader.read(file(), 5);
        assertThat(read.entries()).extracting(e -> e.record().transactionId()).containsExactly(1L);
        assertThat(read.problems()).singleElement().asString().startsWith("byte 5: not JSON");
    }
}
