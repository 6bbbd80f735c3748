package io.batos.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.Primitive;
import io.batos.object.Genesis;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compiled method slots: sends, self, the sandbox, budgets, primitives, evaluation. */
class MethodRuntimeTest {
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
        runtime.setLimits(1_000, 64);
        space.setMethodInvoker(runtime);
    }

    @AfterEach
    void close() {
        image.close();
    }

    private Object in(Function<UvmObject, Object> work) {
        return space.inTransaction("test", "test", tx -> work.apply(space.lobby(tx)));
    }

    @Test
    void aMethodFoundInAParentRunsWithSelfAsTheReceiver() {
        Object answer = in(lobby -> {
            UvmObject proto = lobby.clone().set("name", "proto").set("greet", new MethodSource(
                    "Object greet(UvmObject self, Object... args) {\n"
                    + "    return \"hello \" + args[0] + \", I am \" + self.get(\"name\");\n"
                    + "}"));
            UvmObject child = proto.clone().set("name", "child");
            return child.send("greet", "you");
        });
        assertThat(answer).isEqualTo("hello you, I am child");
    }

    @Test
    void lambdasStreamsRecordsAndStringConcatenationWork() {
        Object answer = in(lobby -> lobby.set("sum", new MethodSource(
                "Object sum(UvmObject self, Object... args) {\n"
                + "    record Pair(String name, long value) { long twice() { long t = 0; for (int i = 0; i < 2; i++) t += value; return t; } }\n"
                + "    List<Pair> pairs = List.of(new Pair(\"a\", 1), new Pair(\"b\", 2));\n"
                + "    Function<Pair, Long> f = p -> { long x = p.twice(); return x; };\n"
                + "    long total = pairs.stream().map(f).mapToLong(Long::longValue).sum();\n"
                + "    return \"total=\" + total + \" \" + pairs.get(0);\n"
                + "}")).send("sum"));
        assertThat(answer).isEqualTo("total=6 Pair[name=a, value=1]");
    }

    @Test
    void arraysLengthAndCloneAreAllowed() {
        assertThat(in(lobby -> lobby.set("count", new MethodSource(
                "Object count(UvmObject self, Object... args) { Object[] copy = args.clone(); return copy.length; }"))
                .send("count", 1, 2, 3))).isEqualTo(3);
    }

    @Test
    void compileErrorsAreFindingsAtTheMethodsLineAndColumn() {
        Verdict verdict = runtime.check("Object bad(UvmObject self, Object... args) {\n  int x = \"text\";\n  return x;\n}",
                "bad");
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("compile");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.column()).isEqualTo(11);
        });
    }

    @Test
    void aMethodNamedOtherThanItsSelectorIsRefused() {
        assertThat(runtime.check("Object a(UvmObject self, Object... args) { return 1; }", "b").trips("shape")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "System.exit(0); return null;",
        "return System.getProperty(\"user.home\");",
        "return System.getenv(\"HOME\");",
        "return new java.io.File(\"/etc/passwd\").exists();",
        "return java.nio.file.Files.exists(java.nio.file.Path.of(\"/\"));",
        "return new java.util.Formatter(\"/tmp/evil\");",
        "return Class.forName(\"java.lang.Runtime\", true, null);",
        "return \"x\".getClass().getName();",
        "new Thread(() -> {}).start(); return null;",
        "return java.util.concurrent.ForkJoinPool.commonPool();",
        "return ProcessHandle.current().pid();",
        "java.util.Locale.setDefault(java.util.Locale.GERMAN); return null;",
        "return List.of(1, 2).parallelStream().count();",
        "return Runtime.getRuntime().availableProcessors();",
        "Runnable r = System::gc; r.run(); return null;",
        "return new java.net.Socket();",
        "try { return 1; } catch (Throwable t) { return 2; }",
        "return self.transaction();",
        "var q = java.util.concurrent.Executors.newSingleThreadExecutor(); return q;",
        "return java.lang.invoke.MethodHandles.lookup();",
        "return java.util.stream.IntStream.range(0, 3).parallel().sum();",
        "Object o = self; return ((Object) o).getClass();",
    })
    void theSandboxRefusesWhatMethodsMustNotTouch(String body) {
        Verdict verdict = runtime.check("Object m(UvmObject self, Object... args) {\n" + body + "\n}", "m");
        assertThat(verdict.accepted()).as("%s", verdict).isFalse();
        assertThat(verdict.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isIn("sandbox", "compile");
            assertThat(f.line()).isEqualTo(2);
        });
    }

    @Test
    @Timeout(30)
    void anEndlessLoopEndsByTheBudgetIsQuarantinedAndTheImageStaysUsable() {
        String source = "Object spin(UvmObject self, Object... args) { while (true) { } }";
        assertThatThrownBy(() -> in(lobby -> lobby.set("spin", new MethodSource(source)).send("spin")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("ran past its time budget")
                .hasMessageContaining("quarantined");
        assertThat(runtime.isQuarantined(source)).isTrue();
        assertThat(in(lobby -> lobby.set("ok", 1L).send("ok"))).isEqualTo(1L);
    }

    @Test
    @Timeout(30)
    void aLoopInsideALambdaEndsByTheBudget() {
        String source = "Object spin(UvmObject self, Object... args) {\n"
                + "  Runnable r = () -> { for (;;) { } };\n  r.run();\n  return null;\n}";
        assertThatThrownBy(() -> in(lobby -> lobby.set("spin", new MethodSource(source)).send("spin")))
                .hasMessageContaining("ran past its time budget");
    }

    @Test
    @Timeout(30)
    void endlessRecursionThroughSendsEndsByTheDepthBound() {
        String source = "Object down(UvmObject self, Object... args) { return self.send(\"down\"); }";
        assertThatThrownBy(() -> in(lobby -> lobby.set("down", new MethodSource(source)).send("down")))
                .hasMessageContaining("nested deeper than 64");
        assertThat(runtime.isQuarantined(source)).isTrue();
    }

    @Test
    @Timeout(30)
    void endlessJavaRecursionEndsWithAClearError() {
        String source = "Object rec(UvmObject self, Object... args) { return rec(self, args); }";
        assertThatThrownBy(() -> in(lobby -> lobby.set("rec", new MethodSource(source)).send("rec")))
                .hasMessageContaining("stack overflowed");
        assertThat(in(lobby -> lobby.set("after", "fine").send("after"))).isEqualTo("fine");
    }

    @Test
    void anUnknownPrimitiveAnswersAClearError() {
        assertThatThrownBy(() -> in(lobby -> lobby.set("p", new Primitive("no.such")).send("p")))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("no primitive named 'no.such'");
    }

    @Test
    void aRegisteredPrimitiveRuns() {
        runtime.primitives().register("demo.twice", (self, args) -> ((Long) args[0]) * 2);
        assertThat(in(lobby -> lobby.set("twice", new Primitive("demo.twice")).send("twice", 21L))).isEqualTo(42L);
    }

    @Test
    void evaluateRunsAnExpressionOrStatementsWithSelfBound() {
        assertThat(in(lobby -> runtime.evaluate(lobby.set("n", 20L), "(Long) self.get(\"n\") + 22"))).isEqualTo(42L);
        assertThat(in(lobby -> runtime.evaluate(lobby, "self.set(\"m\", 7); return self.get(\"m\");"))).isEqualTo(7L);
        assertThat(in(lobby -> runtime.evaluate(lobby, "self.set(\"k\", 1)"))).isInstanceOf(UvmObject.class);
        assertThat(in(lobby -> runtime.evaluate(lobby, "int x = 1; x++;"))).isNull();
        assertThatThrownBy(() -> in(lobby -> runtime.evaluate(lobby, "1 + System.exit(1)")))
                .isInstanceOf(RejectedException.class)
                .satisfies(e -> assertThat(((RejectedException) e).verdict().findings())
                        .anySatisfy(f -> {
                            assertThat(f.rule()).isEqualTo("sandbox");
                            assertThat(f.line()).as("the snippet's own line").isEqualTo(1);
                            assertThat(f.column()).as("the snippet's own column").isEqualTo(5);
                        }));
    }

    @Test
    void aReopenedImageRunsItsMethodsFromTheBytecodeCacheAndAfterItIsDeleted() throws Exception {
        String source = "Object hi(UvmObject self, Object... args) { return \"hi\"; }";
        in(lobby -> lobby.set("hi", new MethodSource(source)).send("hi"));
        MethodRuntime fresh = new MethodRuntime(dir.resolve("vessel"), new Primitives());
        assertThat(fresh.warmUp(List.of(source))).as("compiled on warm-up").isZero();
        space.setMethodInvoker(fresh);
        assertThat(in(lobby -> lobby.send("hi"))).isEqualTo("hi");
        org.assertj.core.util.Files.delete(dir.resolve("vessel").toFile());
        MethodRuntime cold = new MethodRuntime(dir.resolve("vessel"), new Primitives());
        assertThat(cold.warmUp(List.of(source))).isEqualTo(1);
        space.setMethodInvoker(cold);
        assertThat(in(lobby -> lobby.send("hi"))).isEqualTo("hi");
    }
}
