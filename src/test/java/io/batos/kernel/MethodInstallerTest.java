package io.batos.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.CovenantViolationException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing methods end to end: guardian, compiler, sandbox, commit, restart. */
class MethodInstallerTest {
    private static final String COUNTER = """
            Object increment(UvmObject self, Object... args) {
                long count = (Long) self.get("count");
                self.set("count", count + 1);
                self.markChanged();
                return count + 1;
            }""";

    @TempDir
    Path dir;

    private Object send(String target, String selector, Object... args) {
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING)) {
            return vessel.image().inTransaction("send", "test", tx ->
                    Targets.resolve(vessel.space(), tx, target).send(selector, args));
        }
    }

    @Test
    void anInstalledMethodAnswersAfterARestartFromTheImageTheCacheAndAfterTheCacheIsDeleted() throws Exception {
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            vessel.image().inTransaction("seed", "test", tx -> vessel.space().lobby(tx).set("count", 0));
            MethodInstaller.Result result = vessel.installer().install("lobby", "increment", COUNTER, "test");
            assertThat(result.installed()).as("%s", result.verdict()).isTrue();
        }
        assertThat(send("lobby", "increment")).isEqualTo(1L);
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING)) {
            assertThat(vessel.warmUpMethods()).as("all from the bytecode cache").isZero();
        }
        assertThat(send("lobby", "increment")).isEqualTo(2L);
        try (Stream<Path> files = Files.walk(dir.resolve("vessel"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING)) {
            assertThat(vessel.warmUpMethods()).as("compiled again in one batch").isEqualTo(1);
        }
        assertThat(send("lobby", "increment")).isEqualTo(3L);
    }

    @Test
    void amnesiaIsImpossibleEndToEnd() throws Exception {
        String forgetful = """
                Object remember(UvmObject self, Object... args) {
                    List<Object> items = (List<Object>) self.get("items");
                    items.add(args[0]);
                    return items.size();
                }""";
        String faithful = """
                Object remember(UvmObject self, Object... args) {
                    List<Object> items = (List<Object>) self.get("items");
                    items.add(args[0]);
                    self.markChanged();
                    return items.size();
                }""";
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            vessel.image().inTransaction("seed", "test", tx -> {
                // The test-only path: written straight into the slot, past the guardian.
                vessel.space().lobby(tx).set("items", List.of()).set("remember", new MethodSource(forgetful));
                return null;
            });
        }
        byte[] before = Files.readAllBytes(dir.resolve("image.log"));
        assertThatThrownBy(() -> send("lobby", "remember", "a thought"))
                .isInstanceOf(CovenantViolationException.class)
                .hasMessageContaining("slot 'items'");
        assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);

        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING)) {
            MethodInstaller.Result refused = vessel.installer().install("lobby", "remember", forgetful, "test");
            assertThat(refused.installed()).isFalse();
            assertThat(refused.verdict().trips("covenant")).isTrue();
            assertThat(vessel.installer().install("lobby", "remember", faithful, "test").installed()).isTrue();
        }
        assertThat(send("lobby", "remember", "a thought")).isEqualTo(1);
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.EXISTING);
             Transaction tx = vessel.image().begin("read")) {
            assertThat(vessel.space().lobby(tx).get("items")).isEqualTo(List.of("a thought"));
        }
    }

    @Test
    void aRefusedInstallChangesNothingAndAnswersEveryFinding() throws Exception {
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            byte[] before = Files.readAllBytes(dir.resolve("image.log"));
            MethodInstaller.Result result = vessel.installer().install("lobby", "bad",
                    "Object bad(UvmObject self, Object... args) { return 1 + ; }", "test");
            assertThat(result.installed()).isFalse();
            assertThat(result.verdict().findings()).isNotEmpty();
            result = vessel.installer().install("lobby", "other",
                    "Object bad(UvmObject self, Object... args) { return 1; }", "test");
            assertThat(result.verdict().trips("shape")).isTrue();
            assertThat(Files.readAllBytes(dir.resolve("image.log"))).isEqualTo(before);
        }
    }

    @Test
    void theSandboxRefusesAtInstallWhatSlipsPastTheTextRules() {
        List<String> slippery = List.of(
                "Object m(UvmObject self, Object... args) { return java.util.prefs.Preferences.userRoot(); }",
                "Object m(UvmObject self, Object... args) { return java.util.logging.Logger.getGlobal(); }",
                "Object m(UvmObject self, Object... args) { java.util.function.Supplier<Object> s = java.lang.ref.Cleaner::create; return s.get(); }",
                "Object m(UvmObject self, Object... args) { var t = java.util.concurrent.ThreadLocalRandom.current(); return t.nextInt(); }");
        try (Vessel vessel = Vessel.open(dir, LivingImage.OpenMode.CREATE)) {
            for (String source : slippery) {
                MethodInstaller.Result result = vessel.installer().install("lobby", "m", source, "test");
                assertThat(result.installed()).as(source).isFalse();
                assertThat(result.verdict().trips("sandbox") || result.verdict().trips("forbidden-api"))
                        .as("%s: %s", source, result.verdict()).isTrue();
            }
        }
    }
}
