package io.batos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.batos.image.LivingImage;
import io.batos.image.ObjectRef;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's checker against a real image: what was committed passes, and each way a promise can
 * be broken — a transaction missing, a value that is not what was acknowledged, an end state that
 * lost the last write, a refused write that committed, a pack that changed a value — is counted,
 * so a soak that reports nothing lost has really looked.
 */
class SoakLedgerTest {
    @TempDir
    Path dir;
    LivingImage image;
    long oid;

    @BeforeEach
    void open() {
        image = LivingImage.open(dir.resolve("image"), LivingImage.OpenMode.CREATE);
        try (var tx = image.begin("an object to write")) {
            oid = tx.create();
            tx.set(LivingImage.ROOT_OID, "o", new ObjectRef(oid));
            tx.commit();
        }
    }

    @AfterEach
    void close() {
        image.close();
    }

    private long set(String slot, Object value) {
        try (var tx = image.begin("set " + slot)) {
            tx.set(oid, slot, value);
            return tx.commit();
        }
    }

    private SoakLedger.Write write(String slot, JsonNode value, long txId) {
        return new SoakLedger.Write(oid, slot, SoakLedger.canonical(value), txId, "set");
    }

    @Test
    void acknowledgedWritesThatCommittedPassEvenWhenOverwrittenLater() {
        SoakLedger ledger = new SoakLedger();
        ledger.acknowledged(write("n", LongNode.valueOf(1), set("n", 1L)));
        ledger.acknowledged(write("n", LongNode.valueOf(2), set("n", 2L)));
        ledger.acknowledged(write("s", TextNode.valueOf("x"), set("s", "x")));

        assertThat(ledger.checkPending(image)).isZero();
        assertThat(ledger.checkEnd(image)).isZero();
        assertThat(ledger.checks()).isGreaterThanOrEqualTo(5);
        assertThat(ledger.messages()).isEmpty();
    }

    @Test
    void aTransactionThatIsNotInTheHistoryIsLost() {
        SoakLedger ledger = new SoakLedger();
        ledger.acknowledged(write("n", LongNode.valueOf(7), image.lastTx() + 5));

        assertThat(ledger.checkPending(image)).isEqualTo(1);
        assertThat(ledger.lost()).isEqualTo(1);
        assertThat(ledger.messages().get(0)).startsWith("lost: tx ").contains("was acknowledged but");
    }

    @Test
    void aValueOtherThanTheAcknowledgedOneAsOfItsTransactionIsLost() {
        SoakLedger ledger = new SoakLedger();
        long tx = set("n", 1L);
        ledger.acknowledged(write("n", LongNode.valueOf(2), tx));

        assertThat(ledger.checkPending(image)).isEqualTo(1);
        assertThat(ledger.messages().get(0)).contains("holds 1 as of tx " + tx).contains("acknowledged 2");
    }

    @Test
    void aTransactionThatDidNotWriteTheObjectIsLost() {
        SoakLedger ledger = new SoakLedger();
        long other;
        try (var tx = image.begin("another object")) {
            long o = tx.create();
            tx.set(o, "n", 1L);
            other = tx.commit();
        }
        ledger.acknowledged(write("n", LongNode.valueOf(1), other));

        assertThat(ledger.checkPending(image)).isEqualTo(1);
        assertThat(ledger.messages().get(0)).contains("did not write @" + oid);
    }

    @Test
    void theEndStateMustHoldTheLastAcknowledgedWriteOrALaterUnansweredOne() {
        SoakLedger ledger = new SoakLedger();
        ledger.acknowledged(write("n", LongNode.valueOf(1), set("n", 1L)));
        // An unanswered write that committed: the reply was lost, the value is rightly there.
        set("n", 2L);
        ledger.unanswered(new SoakLedger.SlotKey(oid, "n"), SoakLedger.canonical(LongNode.valueOf(2)));
        assertThat(ledger.checkEnd(image)).isZero();

        // A write nobody sent took the slot: the last acknowledged value is gone.
        set("n", 3L);
        assertThat(ledger.checkEnd(image)).isEqualTo(1);
        assertThat(ledger.messages()).anySatisfy(m -> assertThat(m).contains("ends holding 3")
                .contains("last acknowledged write was 1"));
    }

    @Test
    void aRefusedWriteFoundInTheImageIsAPhantom() {
        SoakLedger ledger = new SoakLedger();
        ledger.acknowledged(write("n", LongNode.valueOf(1), set("n", 1L)));
        set("n", 9L);
        ledger.refused(new SoakLedger.SlotKey(oid, "n"), SoakLedger.canonical(LongNode.valueOf(9)));

        assertThat(ledger.checkEnd(image)).isEqualTo(1);
        assertThat(ledger.phantoms()).isEqualTo(1);
        assertThat(ledger.lost()).isZero();
    }

    @Test
    void createdObjectsAndInstalledMethodsAreCheckedToo() {
        SoakLedger ledger = new SoakLedger();
        // An acknowledged creation whose holder slot never pointed at the object, and an install
        // of a method that is not there.
        ledger.acknowledged(new SoakLedger.Created(oid, LivingImage.ROOT_OID, "nothing", set("n", 1L)));
        ledger.acknowledged(new SoakLedger.Installed(oid, "fibonacci", set("m", 1L)));

        assertThat(ledger.checkPending(image)).isEqualTo(2);
        assertThat(ledger.messages()).anySatisfy(m -> assertThat(m).contains("@0.nothing holds null"))
                .anySatisfy(m -> assertThat(m).contains("fibonacci is no method"));
    }

    @Test
    void packFoldsCheckedAcknowledgementsAndMustChangeNoCurrentValue() {
        SoakLedger ledger = new SoakLedger();
        ledger.acknowledged(write("n", LongNode.valueOf(1), set("n", 1L)));
        ledger.acknowledged(write("n", LongNode.valueOf(2), set("n", 2L)));
        assertThat(ledger.checkPending(image)).isZero();
        var before = ledger.currentValues(image);
        long bound = image.pack(image.lastTx()).bound();
        ledger.folded(bound);
        ledger.comparePack(before, ledger.currentValues(image), bound);

        // The folded transactions are gone from the history; the end rests on the end state.
        assertThat(ledger.checkEnd(image)).isZero();
        assertThat(ledger.foldedUpTo()).isEqualTo(bound);

        var changed = new java.util.LinkedHashMap<>(before);
        changed.replaceAll((k, v) -> SoakLedger.canonical(LongNode.valueOf(99)));
        ledger.comparePack(changed, ledger.currentValues(image), bound);
        assertThat(ledger.lost()).isEqualTo(1);
        assertThat(ledger.messages()).containsExactly("lost: pack up to tx " + bound + " changed @" + oid
                + ".n from 99 to 2");
    }

    @Test
    void onlyUnfoldedClientWritesCanBeUndone() {
        SoakLedger ledger = new SoakLedger();
        long first = set("n", 1L);
        ledger.acknowledged(write("n", LongNode.valueOf(1), first));
        long second = set("s", "x");
        ledger.acknowledged(write("s", TextNode.valueOf("x"), second));
        assertThat(ledger.lastClientWrite(oid).txId()).isEqualTo(second);
        assertThat(ledger.lastClientWrite(oid + 1)).isNull();

        ledger.checkPending(image);
        ledger.folded(second);
        assertThat(ledger.lastClientWrite(oid)).isNull();
        assertThat(List.of(first, second)).allMatch(tx -> tx <= ledger.foldedUpTo());
    }
}
