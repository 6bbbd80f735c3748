package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kill -9 at random moments and at named points; after each kill the image opens, verifies, holds
 * every acknowledged transaction, and every transaction in it is whole.
 */
class CrashTest {
    private static final Pattern NOTE = Pattern.compile("crash n=(\\d+) token=([0-9a-f]+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void randomKillsNeverLoseAcknowledgedOrPartialTransactions() throws Exception {
        long seed = Long.getLong("batos.crash.seed", 20261126L);
        int trials = Integer.getInteger("batos.crash.trials", 20);
        Random random = new Random(seed);
        long checkedUpTo = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<Long> acked;
            try (ChildJvm.Running child = ChildJvm.main(CrashChild.class)
                    .args(dir.toString(), Long.toString(random.nextLong())).start()) {
                child.awaitLine(line -> line.startsWith("ready"), Duration.ofSeconds(60));
                Thread.sleep(50 + random.nextInt(700));
                child.kill();
                acked = acknowledged(child.linesSoFar());
            }
            checkedUpTo = checkAfterCrash(acked, checkedUpTo, "seed " + seed + " trial " + trial);
        }
    }

    @ParameterizedTest(name = "killed at {0} #{1}")
    @CsvSource({
        "log.append.torn, 3",
        "log.append, 4",
        "commit.afterAppend, 5",
        "index.update, 700",
        "index.close, 1",
    })
    @Timeout(120)
    void killsAtNamedPointsAreRecovered(String point, int nth) throws Exception {
        List<Long> acked;
        int exit;
        try (ChildJvm.Running child = ChildJvm.main(CrashChild.class)
                .jvmArgs("-Dbatos.killAt=" + point + ":" + nth)
                .args(dir.toString(), "42", "12").start()) {
            exit = child.waitFor(Duration.ofSeconds(90));
            acked = acknowledged(child.linesSoFar());
        }
        assertThat(exit).as("the child must die at the kill point").isEqualTo(137);
        checkAfterCrash(acked, 0, point);
        if (point.equals("log.append.torn")) {
            try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
                assertThat(image.openReport().truncatedBytes()).isZero();
            }
        }
    }

    @Test
    @Timeout(120)
    void aTornAppendIsCutAndReportedOnOpen() throws Exception {
        try (ChildJvm.Running child = ChildJvm.main(CrashChild.class)
                .jvmArgs("-Dbatos.killAt=log.append.torn:3").args(dir.toString(), "7", "12").start()) {
            assertThat(child.waitFor(Duration.ofSeconds(90))).isEqualTo(137);
        }
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            assertThat(image.openReport().truncatedBytes()).isPositive();
            assertThat(image.openReport().indexRebuilt()).isIn("not closed cleanly", "index unreadable");
            assertThat(image.lastTx()).as("the image-created tx and one crash tx; the third append was torn").isEqualTo(2);
        }
    }

    private static List<Long> acknowledged(List<String> lines) {
        List<Long> acked = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("acked ")) {
                acked.add(Long.parseLong(line.substring(6).trim()));
            }
        }
        return acked;
    }

    /** Opens, verifies, and checks acknowledged and whole transactions; answers the last tx checked. */
    private long checkAfterCrash(List<Long> acked, long checkedUpTo, String what) throws IOException {
        assertThat(Files.exists(dir.resolve("image.log"))).isTrue();
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            VerifyReport report = image.verify();
            assertThat(report.problems()).as("verify after %s", what).isEmpty();
            for (long txId : acked) {
                assertThat(txId).as("acknowledged tx %d present after %s", txId, what).isLessThanOrEqualTo(image.lastTx());
                image.transaction(txId);
            }
            for (TxInfo info : image.history()) {
                if (info.txId() <= checkedUpTo || !info.origin().equals("crash-test")) {
                    continue;
                }
                Matcher note = NOTE.matcher(info.note());
                assertThat(note.matches()).isTrue();
                int count = Integer.parseInt(note.group(1));
                assertThat(info.oids()).as("tx %d whole after %s", info.txId(), what).hasSize(count);
                for (long oid : info.oids()) {
                    Map<String, Object> state = image.stateAt(oid, info.txId());
                    assertThat(state).as("@%d in tx %d", oid, info.txId()).containsEntry("token", note.group(2));
                }
            }
            return image.lastTx();
        }
    }
}
