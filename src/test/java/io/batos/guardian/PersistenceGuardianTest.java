package io.batos.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Focused checks of the guardian: positions, the selector, the covenant's paths, robustness. */
class PersistenceGuardianTest {

    private final PersistenceGuardian guardian = new PersistenceGuardian();

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private List<Finding> errors(String source) {
        return guardian.audit(source).errors();
    }

    @Nested
    class Positions {

        @Test
        void aCovenantFindingSitsAtTheChangeAndNamesTheReturn() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    List<Object> items = (List<Object>) self.get(\"items\");",
                    "    if (args.length > 0) {",
                    "        items.add(args[0]);",
                    "    }",
                    "    return items;",
                    "}");

            assertThat(errors(source)).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("covenant");
                assertThat(f.line()).isEqualTo(4);
                assertThat(f.column()).isEqualTo(9);
                assertThat(f.message()).isEqualTo("modifies state (items.add at 4:9) but the return at 6:5 is not "
                        + "preceded by self.markChanged()");
            });
        }

        @Test
        void aMethodThatCanFallOffItsEndIsNamedAtItsClosingBrace() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    self.set(\"x\", 1);",
                    "    while (true) {",
                    "        if (args.length == 0) break;",
                    "    }",
                    "}");

            assertThat(errors(source)).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("covenant");
                assertThat(f.line()).isEqualTo(2);
                assertThat(f.column()).isEqualTo(5);
                assertThat(f.message()).contains("self.set at 2:5").contains("the method can end at 6:1");
            });
        }

        @Test
        void theFirstLineIsLineOneAndItsColumnsAreNotShifted() {
            List<Finding> found = errors("public Object f(UvmObject self, Object... args) { return System.out; }");

            assertThat(found).extracting(Finding::rule, Finding::line, Finding::column)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("shape", 1, 1),
                            org.assertj.core.groups.Tuple.tuple("forbidden-api", 1, 58));
        }

        @Test
        void aSyntaxErrorIsPlacedAtItsToken() {
            Verdict verdict = guardian.audit(lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    int x = ;",
                    "    return x;",
                    "}"));

            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.findings()).first().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("parse");
                assertThat(f.line()).isEqualTo(2);
                assertThat(f.column()).isEqualTo(13);
                assertThat(f.message()).startsWith("Parse error. Found \";\"");
            });
        }

        @Test
        void aMissingClosingBraceIsReportedInsideTheSource() {
            String source = "Object f(UvmObject self, Object... args) {\n    return 1;\n";

            assertThat(guardian.audit(source).findings()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.rule()).isEqualTo("parse");
                assertThat(f.line()).isBetween(1, 3);
                assertThat(f.column()).isPositive();
            });
        }

        @Test
        void windowsLineEndingsMapTheSame() {
            String unix = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    self.remove(\"x\");",
                    "    return null;",
                    "}");

            Finding fromUnix = errors(unix).get(0);
            Finding fromWindows = errors(unix.replace("\n", "\r\n")).get(0);

            assertThat(fromWindows).isEqualTo(fromUnix);
            assertThat(fromUnix.line()).isEqualTo(2);
        }

        @Test
        void importLinesArePlacedWhereTheyAreAndNamed() {
            String source = lines(
                    "// a header comment",
                    "import java.net.Socket;",
                    "Object f(UvmObject self, Object... args) {",
                    "    return null;",
                    "}");

            assertThat(errors(source)).extracting(Finding::rule, Finding::line, Finding::column)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("shape", 2, 1),
                            org.assertj.core.groups.Tuple.tuple("forbidden-api", 2, 1));
        }

        @Test
        void aLocalEnumIsCheckedAtItsTruePosition() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    enum Mode {",
                    "        ON, OFF;",
                    "        List<String> seen = new ArrayList<>();",
                    "    }",
                    "    return Mode.ON;",
                    "}");

            assertThat(errors(source)).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("static-state");
                assertThat(f.line()).isEqualTo(4);
                assertThat(f.column()).isEqualTo(22);
            });
        }

        @Test
        void findingsComeInSourceOrder() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    synchronized (self) { self.set(\"a\", 1); }",
                    "    Thread t = null;",
                    "    return System.getenv(\"HOME\");",
                    "}");

            List<Finding> found = guardian.audit(source).findings();
            assertThat(found).hasSizeGreaterThanOrEqualTo(4);
            assertThat(found).isSortedAccordingTo((a, b) -> a.line() != b.line()
                    ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        }
    }

    @Nested
    class Selector {

        private final String greet = "Object greet(UvmObject self, Object... args) { return \"hi\"; }";

        @Test
        void theNameMayBeAnythingWhenNoSelectorIsGiven() {
            assertThat(guardian.audit(greet).accepted()).isTrue();
            assertThat(guardian.audit(greet, null).accepted()).isTrue();
        }

        @Test
        void theNameMustBeTheSelector() {
            assertThat(guardian.audit(greet, "greet").accepted()).isTrue();

            Verdict verdict = guardian.audit(greet, "salute");

            assertThat(verdict.accepted()).isFalse();
            assertThat(verdict.errors()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("shape");
                assertThat(f.line()).isEqualTo(1);
                assertThat(f.column()).isEqualTo(8);
                assertThat(f.message()).contains("'greet'").contains("'salute'");
            });
        }

        @Test
        void qualifiedTypesAndFinalParametersKeepTheShape() {
            String source = "Object greet(final io.batos.object.UvmObject self, final java.lang.Object... args) "
                    + "{ return \"hi\"; }";

            assertThat(guardian.audit(source, "greet").findings()).isEmpty();
        }

        @Test
        void theSelectorIsCaseSensitive() {
            assertThat(guardian.audit(greet, "Greet").trips("shape")).isTrue();
        }
    }

    @Nested
    class Covenant {

        @Test
        void everyTargetOfAChainedAssignmentIsAnAlias() {
            // blueprint BUG-03 looked at one assignment target only
            for (String changed : List.of("a", "b", "c")) {
                String source = lines(
                        "Object f(UvmObject self, Object... args) {",
                        "    List<Object> a, b, c;",
                        "    a = b = c = (List<Object>) self.get(\"items\");",
                        "    " + changed + ".add(1);",
                        "    return null;",
                        "}");
                assertThat(guardian.audit(source).trips("covenant")).as(changed).isTrue();
            }
        }

        @Test
        void aFreshCopyIsNotAnAlias() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    List<Object> copy = new ArrayList<>((List<Object>) self.get(\"items\"));",
                    "    copy.add(1);",
                    "    List<Object> again = List.copyOf(copy);",
                    "    return again;",
                    "}");

            assertThat(guardian.audit(source).findings()).isEmpty();
        }

        @Test
        void compoundAssignmentToALocalIsNotAChange() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    long n = (Long) self.get(\"count\");",
                    "    n += 1;",
                    "    n++;",
                    "    return n;",
                    "}");

            assertThat(guardian.audit(source).findings()).isEmpty();
        }

        @Test
        void aReturnInsideTryIsCoveredByAMarkInFinally() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    List<Object> items = (List<Object>) self.get(\"items\");",
                    "    try {",
                    "        items.add(1);",
                    "        return items.size();",
                    "    } finally {",
                    "        self.markChanged();",
                    "    }",
                    "}");

            assertThat(guardian.audit(source).accepted()).isTrue();
        }

        @Test
        void eachUnmarkedExitIsOneFinding() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    self.set(\"a\", 1);",
                    "    if (args.length == 0) {",
                    "        return 0;",
                    "    }",
                    "    if (args.length == 1) {",
                    "        self.markChanged();",
                    "        return 1;",
                    "    }",
                    "    return 2;",
                    "}");

            assertThat(errors(source)).extracting(Finding::message).containsExactly(
                    "modifies state (self.set at 2:5) but the return at 4:9 is not preceded by self.markChanged()",
                    "modifies state (self.set at 2:5) but the return at 10:5 is not preceded by self.markChanged()");
        }

        @Test
        void aChangeInsideALambdaCountsWhereTheLambdaIsWritten() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    Map<String, Object> m = (Map<String, Object>) self.get(\"m\");",
                    "    Runnable later = () -> m.clear();",
                    "    self.markChanged();",
                    "    return later;",
                    "}");

            assertThat(guardian.audit(source).accepted()).isTrue();
        }

        @Test
        void anotherObjectsHandleIsNotAContainerOfSelf() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    UvmObject child = self.clone();",
                    "    child.set(\"name\", \"kid\");",
                    "    UvmObject friend = (UvmObject) self.send(\"friend\");",
                    "    friend.set(\"seen\", true);",
                    "    return child;",
                    "}");

            assertThat(guardian.audit(source).findings()).isEmpty();
        }

        @Test
        void markChangedWithoutAVisibleChangeIsOnlyAWarning() {
            Verdict verdict = guardian.audit(
                    "Object f(UvmObject self, Object... args) { self.markChanged(); return null; }");

            assertThat(verdict.accepted()).isTrue();
            assertThat(verdict.findings()).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo("covenant");
                assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            });
        }
    }

    @Nested
    class ForbiddenApis {

        @Test
        void aForbiddenCallIsOneFinding() {
            assertThat(errors("Object f(UvmObject self, Object... args) { return Class.forName(\"x\"); }"))
                    .singleElement().extracting(Finding::rule).isEqualTo("forbidden-api");
        }

        @Test
        void aClassLiteralPassedAlongIsFine() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    enum Color { RED, GREEN }",
                    "    EnumSet<Color> none = EnumSet.noneOf(Color.class);",
                    "    return none.size();",
                    "}");

            assertThat(guardian.audit(source).findings()).isEmpty();
        }

        @Test
        void theAuthorsOwnTypesMayBorrowForbiddenNames() {
            String source = lines(
                    "Object f(UvmObject self, Object... args) {",
                    "    record Path(String from, String to) { }",
                    "    Path path = new Path(\"a\", \"b\");",
                    "    return path.to();",
                    "}");

            assertThat(guardian.audit(source).findings()).isEmpty();
        }

        @Test
        void localeSetDefaultAsAMethodReferenceIsRefused() {
            assertThat(guardian.audit("Object f(UvmObject self, Object... args) { "
                    + "Consumer<Locale> c = Locale::setDefault; return c; }").trips("forbidden-api")).isTrue();
        }
    }

    @Nested
    class Robustness {

        @Test
        void nullIsRefusedLoudlyButBadTextNeverThrows() {
            assertThatNullPointerException().isThrownBy(() -> guardian.audit(null));
            for (String junk : List.of("", " ", "}", "{{{{", "\u0000", "/*", "\"\"\"", "enum", "import ;",
                    "Object f(UvmObject self, Object... args) { enum E { A ",
                    "(".repeat(5_000) + ")".repeat(5_000))) {
                Verdict verdict = guardian.audit(junk);
                assertThat(verdict.accepted()).as(junk.length() > 20 ? junk.substring(0, 20) : junk).isFalse();
            }
        }

        @Test
        void everyPrefixOfTheCorpusGetsAVerdict() {
            for (CorpusFile file : Stream.concat(CorpusFile.all("reject").stream(), CorpusFile.all("accept").stream())
                    .toList()) {
                String source = file.source();
                for (int end = 0; end < source.length(); end += 7) {
                    Verdict verdict = guardian.audit(source.substring(0, end), file.selector());
                    assertThat(verdict).as("%s[0, %d)", file, end).isNotNull();
                    assertThat(verdict.findings()).allSatisfy(f ->
                            assertThat(f.message()).doesNotContain("could not check"));
                }
            }
        }

        @Test
        void oneGuardianServesManyThreads() throws Exception {
            List<CorpusFile> corpus = new ArrayList<>(CorpusFile.all("reject"));
            corpus.addAll(CorpusFile.all("accept"));
            List<Verdict> expected = corpus.stream().map(f -> guardian.audit(f.source(), f.selector())).toList();

            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Verdict>>> runs = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Callable<List<Verdict>> run = () -> {
                        List<Verdict> verdicts = new ArrayList<>();
                        for (int round = 0; round < 5; round++) {
                            verdicts = corpus.stream().map(f -> guardian.audit(f.source(), f.selector())).toList();
                        }
                        return verdicts;
                    };
                    runs.add(pool.submit(run));
                }
                for (Future<List<Verdict>> run : runs) {
                    assertThat(run.get()).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
