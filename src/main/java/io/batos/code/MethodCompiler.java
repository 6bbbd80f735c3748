package io.batos.code;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.Trees;
import io.batos.image.ObjectRef;
import io.batos.object.UvmObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles method sources in memory with javac, many in one task, each checked by the sandbox.
 *
 * <p>Why in memory and batched: one javac task over 200 small classes costs about a second where
 * 200 tasks cost five (STACK.md). The class path holds only the public object API: javac is
 * shown the packages {@code io.batos.object}, {@code io.batos.image} and {@code io.batos.code}
 * and nothing else of the application. {@code -XDstringConcat=inline} makes string concatenation
 * plain StringBuilder calls, so no {@code java.lang.invoke} is needed for it. One compiler, used
 * by one thread at a time (javac's file manager is not thread-safe).
 */
final class MethodCompiler {
    private static final List<String> OPTIONS = List.of("-XDstringConcat=inline", "-proc:none",
            "-g:source,lines", "-implicit:none", "-Xlint:none", "-nowarn");
    private static final Set<String> API_PACKAGES = Set.of("io.batos.object", "io.batos.image", "io.batos.code");

    private final JavaCompiler javac;
    private final StandardJavaFileManager standard;
    private final SandboxPolicy policy;

    MethodCompiler(SandboxPolicy policy) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (the jdk.compiler module is missing)");
        }
        this.policy = policy;
        this.standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocation(StandardLocation.CLASS_PATH, apiClassPath());
        } catch (IOException e) {
            throw new IllegalStateException("cannot set the methods' class path: " + e.getMessage(), e);
        }
    }

    private static List<File> apiClassPath() {
        Map<String, File> roots = new LinkedHashMap<>();
        for (Class<?> type : List.of(UvmObject.class, ObjectRef.class, SlotMethod.class)) {
            try {
                File root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile();
                roots.put(root.getPath(), root);
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot locate the object API's classes", e);
            }
        }
        return new ArrayList<>(roots.values());
    }

    /** The outcome for one method: findings, and classes when it was accepted. */
    record Compiled(MethodUnit unit, String selector, Verdict verdict, Map<String, byte[]> classes) {
    }

    /** Compiles {@code sources} in one task; every source gets its own result. */
    synchronized List<Compiled> compile(List<String> sources) {
        List<MethodUnit> units = new ArrayList<>();
        for (String source : sources) {
            units.add(new MethodUnit(source));
        }
        Map<MethodUnit, String> selectors = new HashMap<>();
        Map<MethodUnit, List<Finding>> parseFindings = new HashMap<>();
        instrument(units, selectors, parseFindings);

        List<MethodUnit> compilable = new ArrayList<>();
        for (MethodUnit unit : units) {
            if (parseFindings.get(unit).isEmpty()) {
                compilable.add(unit);
            }
        }
        Map<MethodUnit, Compiled> results = new HashMap<>();
        List<MethodUnit> pending = compilable;
        // A batch with any error generates nothing; compile the good ones again on their own.
        for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
            List<MethodUnit> failed = new ArrayList<>();
            Map<MethodUnit, Compiled> batch = compileBatch(pending, selectors);
            for (MethodUnit unit : pending) {
                Compiled compiled = batch.get(unit);
                if (compiled.verdict().accepted() && compiled.classes().isEmpty()) {
                    failed.add(unit);
                } else {
                    results.put(unit, compiled);
                }
            }
            pending = failed;
        }
        List<Compiled> out = new ArrayList<>();
        for (MethodUnit unit : units) {
            Compiled compiled = results.get(unit);
            if (compiled == null) {
                List<Finding> findings = parseFindings.get(unit);
                if (findings.isEmpty()) {
                    findings = List.of(Finding.error("compile", "the compiler produced no class", 0, 0));
                }
                compiled = new Compiled(unit, selectors.get(unit), Verdict.of(findings), Map.of());
            }
            out.add(compiled);
        }
        return out;
    }

    private void instrument(List<MethodUnit> units, Map<MethodUnit, String> selectors,
                            Map<MethodUnit, List<Finding>> parseFindings) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<URI, MethodUnit> files = new LinkedHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        for (MethodUnit unit : units) {
            Source source = new Source(unit.className(), unit.parseText());
            sources.add(source);
            files.put(source.toUri(), unit);
            parseFindings.put(unit, new ArrayList<>());
        }
        JavacTask task = (JavacTask) javac.getTask(null, standard, diagnostics, OPTIONS, null, sources);
        try {
            Trees trees = Trees.instance(task);
            for (CompilationUnitTree tree : task.parse()) {
                MethodUnit unit = files.get(tree.getSourceFile().toUri());
                Instrumenter.Result result = Instrumenter.scan(tree, trees.getSourcePositions(), unit.headerLength());
                selectors.put(unit, result.selector());
                if (result.selector() == null) {
                    parseFindings.get(unit).add(Finding.error("shape", "no method found", 1, 1));
                } else {
                    unit.instrument(result.insertions(), result.selector());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("javac could not parse: " + e.getMessage(), e);
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                MethodUnit unit = diagnostic.getSource() == null ? null : files.get(diagnostic.getSource().toUri());
                if (unit != null) {
                    parseFindings.get(unit).add(finding("parse", unit, diagnostic));
                }
            }
        }
    }

    private Map<MethodUnit, Compiled> compileBatch(List<MethodUnit> units, Map<MethodUnit, String> selectors) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<URI, MethodUnit> files = new LinkedHashMap<>();
        List<JavaFileObject> sources = new ArrayList<>();
        Map<MethodUnit, List<Finding>> findings = new HashMap<>();
        for (MethodUnit unit : units) {
            Source source = new Source(unit.className(), unit.text());
            sources.add(source);
            files.put(source.toUri(), unit);
            findings.put(unit, new ArrayList<>());
        }
        MemoryFileManager memory = new MemoryFileManager(standard);
        JavacTask task = (JavacTask) javac.getTask(null, memory, diagnostics, OPTIONS, null, sources);
        Trees trees = Trees.instance(task);
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
                if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                    MethodUnit unit = files.get(event.getSourceFile().toUri());
                    if (unit != null) {
                        findings.get(unit).addAll(new SandboxScanner(trees, task.getElements(), policy, unit,
                                event.getCompilationUnit()).scan());
                    }
                }
            }
        });
        task.call();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                MethodUnit unit = diagnostic.getSource() == null ? null : files.get(diagnostic.getSource().toUri());
                if (unit != null) {
                    findings.get(unit).add(finding("compile", unit, diagnostic));
                }
            }
        }
        Map<MethodUnit, Compiled> results = new HashMap<>();
        for (MethodUnit unit : units) {
            Verdict verdict = Verdict.of(findings.get(unit));
            Map<String, byte[]> classes = verdict.accepted() ? memory.classesOf(unit.qualifiedName()) : Map.of();
            results.put(unit, new Compiled(unit, selectors.get(unit), verdict, classes));
        }
        return results;
    }

    private static Finding finding(String rule, MethodUnit unit, Diagnostic<? extends JavaFileObject> diagnostic) {
        int[] at = unit.position(diagnostic.getPosition());
        String message = diagnostic.getMessage(Locale.ROOT).lines().findFirst().orElse("error");
        return Finding.error(rule, message, at[0], at[1]);
    }

    /** A method unit as javac reads it. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + MethodUnit.PACKAGE.replace('.', '/') + "/" + className + ".java"),
                    Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Keeps class files in memory and shows javac only the object API of the class path. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ByteArrayOutputStream> outputs = new ConcurrentHashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                             boolean recurse) throws IOException {
            if (location == StandardLocation.CLASS_PATH && !API_PACKAGES.contains(packageName)) {
                return List.of();
            }
            return super.list(location, packageName, kinds, recurse);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    outputs.put(className, out);
                    return out;
                }
            };
        }

        /** The top-level class and its nested, local and anonymous classes. */
        Map<String, byte[]> classesOf(String topLevel) {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            outputs.forEach((name, bytes) -> {
                if (name.equals(topLevel) || name.startsWith(topLevel + "$")) {
                    classes.put(name, bytes.toByteArray());
                }
            });
            return classes;
        }
    }
}
