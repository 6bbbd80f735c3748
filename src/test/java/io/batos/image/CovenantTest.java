package io.batos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Persistence Covenant at commit: an in-place change to a container read from a slot must be
 * declared with markChanged(), or the commit fails and writes nothing (no silent amnesia).
 */
class CovenantTest {
    @TempDir
    Path dir;
    long oid;

    @BeforeEach
    void seed() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.CREATE)) {
            oid = image.inTransaction("seed", tx -> {
                long o = tx.create();
                tx.set(o, "items", List.of("a"));
                tx.set(o, "totals", Map.of("a", 1L));
                return o;
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void inPlaceChangeWithoutMarkChangedFailsTheCommitAndWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(dir.resolve("image.log"));
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            Transaction tx = image.begin("forgetful");
            ((List<Object>) tx.get(oid, "items")).add("b");
            assertThatThrownBy(tx::commit)
                    .isInstanceOf(CovenantViolationException.class)
                    .hasMessageContaining("slot 'items' of @" + oid);
            assertThat(tx.isOpen()).isFalse();
        }
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void inPlaceChangeWithMarkChangedIsKeptAfterReopen() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            image.inTransaction("careful", tx -> {
                ((List<Object>) tx.get(oid, "items")).add("b");
                ((Map<String, Object>) tx.get(oid, "totals")).put("b", 2L);
                tx.markChanged(oid);
                return null;
            });
        }
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING);
             Transaction tx = image.begin("read")) {
            assertThat(tx.get(oid, "items")).isEqualTo(List.of("a", "b"));
            assertThat(tx.get(oid, "totals")).isEqualTo(Map.of("a", 1L, "b", 2L));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInheritedContainerChangedThroughAChildIsWrittenToItsHolder() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            long child = image.inTransaction("child", tx -> {
                long c = tx.create();
                tx.set(c, LivingImage.PARENTS_SLOT, List.of(new ObjectRef(oid)));
                return c;
            });
            image.inTransaction("through the child", tx -> {
                ((List<Object>) tx.read(oid, "items", child)).add("via child");
                tx.markChanged(child);
                return null;
            });
            try (Transaction tx = image.begin("read")) {
                assertThat(tx.get(oid, "items")).isEqualTo(List.of("a", "via child"));
                assertThat(tx.has(child, "items")).isFalse();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsInOneTransactionShareOneCopyAndNothingLeaksToOthers() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            Transaction writer = image.begin("writer");
            List<Object> first = (List<Object>) writer.get(oid, "items");
            first.add("private");
            assertThat(writer.get(oid, "items")).isSameAs(first);
            try (Transaction other = image.begin("other")) {
                assertThat(other.get(oid, "items")).isEqualTo(List.of("a"));
            }
            writer.abort();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContainerHeldAfterCommitCannotChangeCommittedState() {
        try (LivingImage image = LivingImage.open(dir, LivingImage.OpenMode.EXISTING)) {
            List<Object> kept = new ArrayList<>();
            image.inTransaction("set a fresh list", tx -> {
                List<Object> fresh = new ArrayList<>(List.of("x"));
                tx.set(oid, "items", fresh);
                kept.add(tx.get(oid, "items"));
                return null;
            });
            ((List<Object>) kept.get(0)).add("too late");
            try (Transaction tx = image.begin("read")) {
                assertThat(tx.get(oid, "items")).isEqualTo(List.of("x"));
            }
        }
    }
}
