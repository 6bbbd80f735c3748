package io.batos.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import io.batos.code.Finding;
import io.batos.code.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guardian against its corpus: every file in {@code guardian/reject} is refused by the rule
 * its first line names, every file in {@code guardian/accept} is accepted without an error — and
 * is valid Java in the wrapped shape the code layer compiles (checked here with javax.tools).
 */
class GuardianCorpusTest {

    private static final PersistenceGuardian GUARDIAN = new PersistenceGuardian();
    private static final Set<String> RULES = Set.of("parse", "shape", "covenant", "forbidden-api", "static-state",
            "sync");

    /** The fixed imports of a compiled method (DESIGN.md §5). */
    static final String IMPORTS = "import java.util.*; import java.util.function.*; import java.util.stream.*; "
            + "import java.time.*; import java.math.*; import io.batos.object.UvmObject; ";

    static List<CorpusFile> rejected() {
        return CorpusFile.all("reject");
    }

    static List<CorpusFile> accepted() {
        return CorpusFile.all("accept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedMethodsTripTheirRule(CorpusFile file) {
        assertThat(file.rule()).as("first line '// rule: <id>'").isIn(RULES);

        Verdict verdict = GUARDIAN.audit(file.source(), file.selector());

        assertThat(verdict.accepted()).as("%s: %s", file, verdict.findings()).isFalse();
        List<Finding> ofRule = verdict.errors().stream().filter(f -> f.rule().equals(file.rule())).toList();
        assertThat(ofRule).as("%s should trip '%s' but found %s", file, file.rule(), verdict.findings()).isNotEmpty();
        long lines = file.source().lines().count();
        for (Finding finding : verdict.findings()) {
            assertThat(finding.line()).as("line of %s", finding).isBetween(1, (int) lines + 1);
            assertThat(finding.column()).as("column of %s", finding).isPositive();
            assertThat(finding.message()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedMethodsPassWithoutErrors(CorpusFile file) {
        Verdict verdict = GUARDIAN.audit(file.source(), file.selector());

        assertThat(verdict.errors()).as("%s", file).isEmpty();
        assertThat(verdict.accepted()).isTrue();
    }

    @Test
    void theCorpusIsLargeEnoughAndCoversEveryRule() {
        Map<String, Long> perRule = rejected().stream()
                .collect(Collectors.groupingBy(CorpusFile::rule, TreeMap::new, Collectors.counting()));
        assertThat(rejected()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(accepted()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(perRule.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
        assertThat(perRule.get("covenant")).isGreaterThanOrEqualTo(20);
        assertThat(perRule.get("forbidden-api")).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyAcceptedMethodCompilesInTheWrappedShape() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK with jdk.compiler").isNotNull();
        List<JavaFileObject> units = new ArrayList<>();
        for (CorpusFile file : accepted()) {
            String className = "Accept_" + file.name();
            units.add(new Source(className, IMPORTS + "class " + className + " {\n" + file.source() + "\n}\n"));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
        boolean ok = compiler.getTask(null, new Discarding(standard), diagnostics,
                List.of("-proc:none", "--release", "17", "-classpath", System.getProperty("java.class.path")),
                null, units).call();

        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + (d.getLineNumber() - 1) + ": " + d.getMessage(Locale.ROOT))
                .toList();
        assertThat(errors).isEmpty();
        assertThat(ok).isTrue();
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** A file manager that throws the class files away: only the diagnostics matter. */
    private static final class Discarding extends ForwardingJavaFileManager<JavaFileManager> {
        Discarding(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream();
                }
            };
        }
    }
}
