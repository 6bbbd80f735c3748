package io.batos.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark record's files: merging by id, reading back exactly, refusing what is not one. */
class BenchmarkLedgerTest {
    @TempDir
    Path dir;

    private static BenchmarkRecord record(String id, double figure, String target) {
        return BenchmarkRecord.of(id, "what " + id, figure, "ops/s", "detail", target)
                .ranAs("bench " + id, new Machine.Run("2 CPUs X, 4 GiB RAM, Linux 6", "Java 17", "2026-11-26T16:00Z", "abc1234"),
                        "0.5–1.0");
    }

    @Test
    void aRerunReplacesItsRowsInPlaceAndKeepsTheOthers() {
        BenchmarkLedger ledger = new BenchmarkLedger(dir);
        ledger.merge("image", List.of(record("a", 1, ""), record("b", 2, "≥ 1"), record("c", 3, "")));
        Path file = ledger.merge("image", List.of(record("b", 20, "≥ 1"), record("d", 4, "")));

        List<BenchmarkRecord> back = BenchmarkLedger.read(file);
        assertThat(back).extracting(BenchmarkRecord::id).containsExactly("a", "b", "c", "d");
        assertThat(back.get(1).figure()).isEqualTo(20);
        assertThat(back.get(0)).isEqualTo(record("a", 1, ""));
        assertThat(ledger.readAll()).containsOnlyKeys("image");
        assertThat(ledger.readAll().get("image")).hasSize(4);
    }

    @Test
    void errorAndItsAbsenceRoundTrip() {
        BenchmarkLedger ledger = new BenchmarkLedger(dir);
        BenchmarkRecord withError = record("e", 5, "").withError(0.25);
        Path file = ledger.merge("x", List.of(withError, record("n", 6, "")));
        List<BenchmarkRecord> back = BenchmarkLedger.read(file);
        assertThat(back.get(0).error()).isEqualTo(0.25);
        assertThat(back.get(1).error()).isNaN();
    }

    @Test
    void aFileThatIsNotARecordIsNamedInOneLine() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"records\": [");
        assertThatThrownBy(() -> new BenchmarkLedger(dir).readAll())
                .hasMessageStartingWith(dir.resolve("broken.json") + " is not JSON")
                .hasMessageNotContaining("\n");
        Files.writeString(dir.resolve("broken.json"), "{\"rows\": []}");
        assertThatThrownBy(() -> new BenchmarkLedger(dir).readAll()).hasMessage(dir.resolve("broken.json")
                + " has no \"records\" array");
        Files.writeString(dir.resolve("broken.json"), "{\"records\": [{\"id\": \"a\", \"figure\": \"fast\"}]}");
        assertThatThrownBy(() -> new BenchmarkLedger(dir).readAll()).hasMessageContaining("numeric figure");
        Files.writeString(dir.resolve("broken.json"), "{\"records\": [{\"id\": \"a\", \"figure\": 1, \"target\": \"> 3\"}]}");
        assertThatThrownBy(() -> new BenchmarkLedger(dir).readAll())
                .hasMessage(dir.resolve("broken.json") + ": target of a is not '≥ N', '≤ N' or '= N': > 3");
    }

    @Test
    void metIsComputedFromTheFigureAndTheTarget() {
        assertThat(record("a", 3500, "≥ 3500").met()).isTrue();
        assertThat(record("a", 3499.9, "≥ 3500").met()).isFalse();
        assertThat(record("a", 100, "≤ 100").met()).isTrue();
        assertThat(record("a", 100.5, "≤ 100").met()).isFalse();
        assertThat(record("a", 0, "= 0").met()).isTrue();
        assertThat(record("a", 1, "= 0").met()).isFalse();
        assertThat(record("a", 1, "≤ 2.5").met()).isTrue();
        assertThat(record("a", 1, "").met()).isNull();
    }

    @Test
    void numbersReadTheWayTheTableShowsThem() {
        assertThat(BenchmarkRecord.number(11508.4)).isEqualTo("11,508");
        assertThat(BenchmarkRecord.number(30.3456)).isEqualTo("30.3");
        assertThat(BenchmarkRecord.number(4.9)).isEqualTo("4.9");
        assertThat(BenchmarkRecord.number(0.08812)).isEqualTo("0.0881");
        assertThat(BenchmarkRecord.number(87)).isEqualTo("87");
        assertThat(BenchmarkRecord.number(0)).isEqualTo("0");
        assertThat(BenchmarkRecord.number(30_345_678)).isEqualTo("30.3 million");
        assertThat(BenchmarkRecord.number(746_369_175.6)).isEqualTo("746 million");
        assertThat(BenchmarkRecord.number(1_234_567_890)).isEqualTo("1.23 billion");
        assertThat(BenchmarkRecord.number(999_999)).isEqualTo("999,999");
    }

    @Test
    void theMachineIsDescribedInTheFormTheStartupScriptWrites() {
        assertThat(Machine.describe()).matches("[0-9]+ CPUs .+, [0-9]+ GiB RAM, \\S+ \\S+");
        assertThat(Machine.now()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        try (LoadWatch load = LoadWatch.start()) {
            assertThat(load.range()).matches("|[0-9]+\\.[0-9](–[0-9]+\\.[0-9])?");
        }
    }
}
