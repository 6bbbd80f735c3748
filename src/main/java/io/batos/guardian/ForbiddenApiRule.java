package io.batos.guardian;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import io.batos.code.Finding;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code forbidden-api}: the method reaches for nothing outside the image — no exit, processes,
 * reflection, method handles, class loaders, files, sockets, threads, native code, {@code Unsafe},
 * {@code System}, {@code Runtime}, {@code Locale.setDefault}, security manager.
 *
 * <p>Why: a method is code the model wrote; it runs inside the kernel's process and must touch the
 * world only through {@code self}. This rule says so while the author is still typing; the sandbox
 * (javac's resolved symbols checked against a member allow-list, in {@code io.batos.code}) is what
 * actually enforces it.
 *
 * <p>What it looks at, with no types:
 * <ul>
 *   <li>every type or name chain the source mentions ({@link NameUses}), checked against
 *       {@link ForbiddenNames}: simple names, qualified names ({@code java.lang.System.exit(0)}),
 *       the scope of method references ({@code System::exit}), {@code new} expressions, casts,
 *       type arguments, {@code extends} clauses, and the names of leading {@code import} lines;</li>
 *   <li>calls and method references by name: {@code getClass()}, {@code forName},
 *       {@code getClassLoader}, {@code setAccessible}, {@code getDeclared…} and the like (reflection),
 *       {@code parallelStream()}/{@code parallel()} and {@code sleep} (threads),
 *       {@code Locale.setDefault}/{@code TimeZone.setDefault} (process-wide state);</li>
 *   <li>calls without a receiver that are not the source's own methods but look statically imported
 *       ({@code exit(0)}, {@code getenv("HOME")}), and the bare names {@code out}, {@code err},
 *       {@code in} when the source declares no such variable;</li>
 *   <li>a {@code .class} literal that something is done with ({@code String.class.getMethods()}):
 *       passing one as an argument ({@code EnumSet.noneOf(Color.class)}) is fine;</li>
 *   <li>{@code native} methods, in local classes too.</li>
 * </ul>
 *
 * <p>Contract: one error per offending node, naming what it reaches for. A call whose receiver was
 * already refused is not refused again ({@code Class.forName} is one finding).
 */
final class ForbiddenApiRule implements Rule {

    /** The rule id. */
    static final String ID = "forbidden-api";

    private static final Set<String> REFLECTIVE_CALLS = Set.of("getClass", "getDeclaringClass", "forName",
            "getClassLoader", "getContextClassLoader", "setContextClassLoader", "getSystemClassLoader",
            "getPlatformClassLoader", "setAccessible", "trySetAccessible", "getDeclaredMethod",
            "getDeclaredMethods", "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor",
            "getDeclaredConstructors", "getDeclaredClasses", "getModule", "getRecordComponents",
            "getEnclosingMethod", "getEnclosingClass");

    /** Receiver-less calls that can only be static imports of System, Runtime, Thread, Class, MethodHandles. */
    private static final Set<String> STATIC_IMPORT_LIKE = Set.of("exit", "halt", "getenv", "getProperty",
            "getProperties", "setProperty", "setProperties", "clearProperty", "setIn", "setOut", "setErr", "gc",
            "runFinalization", "load", "loadLibrary", "mapLibraryName", "forName", "lookup", "publicLookup",
            "privateLookupIn", "currentThread", "sleep", "onSpinWait", "getRuntime", "getSecurityManager",
            "setSecurityManager", "console", "inheritedChannel", "exec", "arraycopy", "currentTimeMillis",
            "nanoTime", "identityHashCode", "lineSeparator", "getLogger", "startVirtualThread", "ofVirtual",
            "ofPlatform", "setDefault");

    private static final Set<String> STATIC_IMPORT_FIELDS = Set.of("out", "err", "in");

    private static final Set<String> GLOBAL_DEFAULTS = Set.of("Locale", "TimeZone");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(ParsedSource source, Consumer<Finding> findings) {
        ForbiddenNames.importsOf(source, ID, (header, match) -> findings.accept(Finding.error(ID, "'import "
                + header.name() + "' reaches for " + match.reason() + ", which is out of a method's reach",
                header.line(), header.column())));
        Map<Node, Boolean> refused = new IdentityHashMap<>();
        for (NameUses.Use use : source.nameUses()) {
            Optional<ForbiddenNames.Match> match = ForbiddenNames.classify(use.name());
            if (match.isPresent() && match.get().rule().equals(ID)) {
                refused.put(use.node(), true);
                findings.accept(source.error(ID, "'" + use.name() + "' reaches for " + match.get().reason()
                        + ", which is out of a method's reach", use.node()));
            } else if (use.node() instanceof NameExpr && STATIC_IMPORT_FIELDS.contains(use.name())) {
                refused.put(use.node(), true);
                findings.accept(source.error(ID, "'" + use.name() + "' is not declared here; if it means System."
                        + use.name() + ", the process's streams are out of a method's reach", use.node()));
            }
        }
        source.walk(node -> {
            if (node instanceof ClassExpr literal && usedReflectively(literal) && !containsRefused(literal, refused)) {
                refused.put(literal, true);
                findings.accept(source.error(ID, "'" + literal + "' is used as a Class object: reflection is out "
                        + "of a method's reach", literal));
            }
        });
        source.walk(node -> {
            if (node instanceof MethodCallExpr call) {
                call(source, call, refused, findings);
            } else if (node instanceof MethodReferenceExpr reference) {
                if (!containsRefused(reference.getScope(), refused)) {
                    String scope = NameUses.dotted(reference.getScope());
                    named(source, reference, reference.getIdentifier(), scope, true, findings);
                }
            } else if (node instanceof MethodDeclaration method) {
                for (Modifier modifier : method.getModifiers()) {
                    if (modifier.getKeyword() == Modifier.Keyword.NATIVE) {
                        findings.accept(source.error(ID, "'native' methods load native code, which is out of a "
                                + "method's reach", modifier));
                    }
                }
            }
        });
    }

    private static void call(ParsedSource source, MethodCallExpr call, Map<Node, Boolean> refused,
            Consumer<Finding> findings) {
        String name = call.getNameAsString();
        if (call.getScope().isEmpty()) {
            if (STATIC_IMPORT_LIKE.contains(name) && !source.declaredMethods().contains(name)) {
                findings.accept(source.error(ID, "'" + name + "(…)' is not a method of this source; it looks like "
                        + "a static import of the process's API (System, Runtime, Thread, Class), which is out of a "
                        + "method's reach", call));
            }
            return;
        }
        Expression scope = call.getScope().get();
        if (containsRefused(scope, refused)) {
            return;
        }
        if (name.equals("getClass") && call.getArguments().isNonEmpty()) {
            return;
        }
        if (name.equals("parallel") && call.getArguments().isNonEmpty()) {
            return;
        }
        named(source, call, name, NameUses.dotted(scope), false, findings);
    }

    private static void named(ParsedSource source, Node node, String name, String scope, boolean reference,
            Consumer<Finding> findings) {
        String spelled = reference ? "::" + name : "." + name + "(…)";
        if (REFLECTIVE_CALLS.contains(name)) {
            findings.accept(source.error(ID, "'" + spelled + "' is reflection, which is out of a method's reach", node));
        } else if (name.equals("parallelStream") || name.equals("parallel")) {
            findings.accept(source.error(ID, "'" + spelled + "' runs on other threads (the common ForkJoinPool); "
                    + "use a sequential stream", node));
        } else if (name.equals("sleep")) {
            findings.accept(source.error(ID, "'" + spelled + "' blocks the thread; a method must not wait", node));
        } else if (name.equals("setDefault") && scope != null
                && GLOBAL_DEFAULTS.contains(scope.substring(scope.lastIndexOf('.') + 1))) {
            findings.accept(source.error(ID, "'" + scope + spelled + "' changes the whole process's default; "
                    + "pass a Locale or ZoneId where it is needed instead", node));
        }
    }

    /** Whether the class literal is the receiver of something (a call, a field, a reference). */
    private static boolean usedReflectively(ClassExpr literal) {
        Node parent = literal.getParentNode().orElse(null);
        Node child = literal;
        while (parent instanceof com.github.javaparser.ast.expr.EnclosedExpr
                || parent instanceof com.github.javaparser.ast.expr.CastExpr) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof MethodCallExpr call) {
            return call.getScope().orElse(null) == child;
        }
        if (parent instanceof FieldAccessExpr access) {
            return access.getScope() == child;
        }
        if (parent instanceof MethodReferenceExpr reference) {
            return reference.getScope() == child;
        }
        return parent instanceof com.github.javaparser.ast.body.VariableDeclarator
                || parent instanceof com.github.javaparser.ast.expr.AssignExpr;
    }

    private static boolean containsRefused(Node node, Map<Node, Boolean> refused) {
        if (refused.isEmpty()) {
            return false;
        }
        if (refused.containsKey(node)) {
            return true;
        }
        for (Node child : node.getChildNodes()) {
            if (containsRefused(child, refused)) {
                return true;
            }
        }
        return false;
    }
}
