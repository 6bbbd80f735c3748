package io.batos.code;

import io.batos.image.ImageException;
import io.batos.image.MethodSource;
import io.batos.image.Primitive;
import io.batos.object.MethodInvoker;
import io.batos.object.UvmObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs method slots: compiles Java sources (once per source, cached in memory and in the vessel),
 * looks up primitives, and keeps every send inside its time and depth budget.
 *
 * <p>I implement the object layer's {@link MethodInvoker}; the kernel wires me in. Without
 * {@code jdk.compiler} (a plain JRE) I still run primitives and already-cached bytecode, and say
 * why anything else cannot compile. A method that runs away (time budget, nesting bound, stack
 * overflow) ends with a clear error and is quarantined until it is installed again; the kernel
 * keeps running.
 */
public final class MethodRuntime implements MethodInvoker {
    /** Default time budget of one top-level send. */
    public static final long DEFAULT_TIME_LIMIT_MILLIS = 5_000;
    /** Default bound on nested sends. */
    public static final int DEFAULT_MAX_DEPTH = 256;

    private final SandboxPolicy policy = SandboxPolicy.standard();
    private final MethodCompiler compiler;
    private final String whyNoCompiler;
    private final BytecodeCache cache;
    private final Primitives primitives;
    private final Map<String, SlotMethod> loaded = new ConcurrentHashMap<>();
    /**
     * The send path's cache, by source text: the text instance comes from the committed state and
     * its hash code is cached, so a warm send costs one map probe, not a SHA-256.
     */
    private final Map<String, SlotMethod> bySource = new ConcurrentHashMap<>();
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();
    private volatile long timeLimitNanos = TimeUnit.MILLISECONDS.toNanos(DEFAULT_TIME_LIMIT_MILLIS);
    private volatile int maxDepth = DEFAULT_MAX_DEPTH;

    /**
     * @param vessel     the image's {@code vessel/} directory for the bytecode cache, or null for none
     * @param primitives the primitives this process offers
     */
    public MethodRuntime(Path vessel, Primitives primitives) {
        this.primitives = primitives;
        this.cache = vessel == null ? null : new BytecodeCache(vessel);
        MethodCompiler made = null;
        String why = null;
        try {
            Class.forName("com.sun.source.util.JavacTask");
            made = new MethodCompiler(policy);
        } catch (ClassNotFoundException | LinkageError e) {
            why = "methods cannot compile: this Java runtime has no jdk.compiler module";
        } catch (IllegalStateException e) {
            why = "methods cannot compile: " + e.getMessage();
        }
        this.compiler = made;
        this.whyNoCompiler = why;
    }

    public Primitives primitives() {
        return primitives;
    }

    /** Whether sources can be compiled here. */
    public boolean canCompile() {
        return compiler != null;
    }

    /** Why sources cannot be compiled here (null when they can). */
    public String whyNoCompiler() {
        return whyNoCompiler;
    }

    /** Sets the time budget of each top-level send and the nesting bound. */
    public void setLimits(long timeLimitMillis, int maxDepth) {
        this.timeLimitNanos = TimeUnit.MILLISECONDS.toNanos(timeLimitMillis);
        this.maxDepth = maxDepth;
    }

    /**
     * Compiles a source with the sandbox and answers the verdict (compiler and sandbox findings
     * mapped to the method's lines); an accepted method is kept ready to run.
     *
     * @param selector the selector it will be installed under, or null not to check the name
     */
    public Verdict check(String source, String selector) {
        if (compiler == null) {
            return Verdict.of(List.of(Finding.error("compile", whyNoCompiler, 0, 0)));
        }
        MethodCompiler.Compiled compiled = compiler.compile(List.of(source)).get(0);
        Verdict verdict = compiled.verdict();
        if (selector != null && compiled.selector() != null && !selector.equals(compiled.selector())) {
            verdict = verdict.and(Verdict.of(List.of(Finding.error("shape", "the method is named '"
                    + compiled.selector() + "' but is installed as '" + selector + "'", 1, 1))));
        }
        if (verdict.accepted()) {
            remember(compiled);
        }
        return verdict;
    }

    /**
     * Makes every given source ready to run in one batch: cached bytecode where there is some, one
     * javac task for the rest.
     *
     * @return how many sources had to be compiled
     */
    public int warmUp(Collection<String> sources) {
        List<String> toCompile = new ArrayList<>();
        for (String source : new LinkedHashSet<>(sources)) {
            String hash = MethodUnit.hash(source);
            if (loaded.containsKey(hash)) {
                continue;
            }
            Map<String, byte[]> classes = cache == null ? null : cache.get(hash);
            if (classes != null) {
                define(new MethodUnit(source), classes);
            } else {
                toCompile.add(source);
            }
        }
        if (!toCompile.isEmpty() && compiler != null) {
            for (MethodCompiler.Compiled compiled : compiler.compile(toCompile)) {
                if (compiled.verdict().accepted()) {
                    remember(compiled);
                }
            }
        }
        return toCompile.size();
    }

    /** Lifts the quarantine of a source (it was installed again). */
    public void release(String source) {
        quarantined.remove(MethodUnit.hash(source));
    }

    /** Whether a source is quarantined after running away. */
    public boolean isQuarantined(String source) {
        return quarantined.contains(MethodUnit.hash(source));
    }

    private void remember(MethodCompiler.Compiled compiled) {
        if (cache != null) {
            cache.put(compiled.unit().hash(), compiled.classes());
        }
        define(compiled.unit(), compiled.classes());
    }

    private SlotMethod define(MethodUnit unit, Map<String, byte[]> classes) {
        return loaded.computeIfAbsent(unit.hash(), hash -> {
            try {
                ClassLoader loader = new MethodClassLoader(MethodRuntime.class.getClassLoader(), classes, policy);
                Class<?> type = loader.loadClass(unit.qualifiedName());
                return (SlotMethod) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                throw new ImageException(ImageException.Code.ERROR, "cannot load compiled method: " + e, e);
            }
        });
    }

    private SlotMethod method(String source, String selector) {
        SlotMethod method = bySource.get(source);
        if (method != null) {
            return method;
        }
        String hash = MethodUnit.hash(source);
        if (quarantined.contains(hash)) {
            throw new ImageException(ImageException.Code.ERROR, "method '" + selector
                    + "' is quarantined after running away; install it again to run it");
        }
        method = loaded.get(hash);
        if (method == null) {
            Map<String, byte[]> classes = cache == null ? null : cache.get(hash);
            if (classes != null) {
                method = define(new MethodUnit(source), classes);
            } else {
                Verdict verdict = check(source, null);
                if (!verdict.accepted()) {
                    throw new RejectedException("method '" + selector + "' cannot run", verdict);
                }
                method = loaded.get(hash);
            }
        }
        if (bySource.size() > 100_000) {
            bySource.clear();
        }
        bySource.put(source, method);
        return method;
    }

    @Override
    public Object invoke(UvmObject self, String selector, Object method, Object[] args) {
        Budget budget = Budget.current();
        boolean top = budget.enter(selector, timeLimitNanos, maxDepth);
        try {
            if (method instanceof Primitive primitive) {
                return primitives.lookup(primitive.name()).invoke(self, args);
            }
            return method(((MethodSource) method).source(), selector).invoke(budget, self, args);
        } catch (RunawayMethodError | StackOverflowError e) {
            RunawayMethodError runaway = e instanceof RunawayMethodError r ? r
                    : new RunawayMethodError("method '" + selector + "' recursed until the stack overflowed");
            boolean cancelled = budget.cancelled();
            if (!cancelled && method instanceof MethodSource source && budget.blame()) {
                quarantined.add(MethodUnit.hash(source.source()));
                bySource.remove(source.source());
            }
            if (top) {
                throw new ImageException(ImageException.Code.ERROR, cancelled ? runaway.getMessage()
                        : runaway.getMessage() + "; it is quarantined until installed again");
            }
            throw runaway;
        } finally {
            budget.exit();
        }
    }

    /**
     * Waits for {@code work} on the calling thread without charging the wait to the send that is
     * running there (DESIGN §4: time spent waiting for a cycle does not count against the
     * invocation time bound).
     */
    public static <T> T waitOutsideBudget(java.util.concurrent.CompletableFuture<T> work) {
        Budget budget = Budget.current();
        budget.pause();
        long start = System.nanoTime();
        try {
            return work.join();
        } finally {
            budget.resume(System.nanoTime() - start);
        }
    }

    /**
     * Cancels the top-level send now running on {@code thread}, if any: it ends with an
     * {@link ImageException} saying it was cancelled, and nothing is quarantined. Safe from any
     * thread; a no-op when the thread is not sending.
     */
    public void cancel(Thread thread) {
        Budget budget = Budget.of(thread);
        if (budget != null) {
            // A thread that is not sending just forgets it: its next send starts uncancelled.
            budget.cancel();
        }
    }

    /**
     * Compiles {@code snippet} as the body of a method with {@code self} bound and runs it: an
     * expression answers its value, statements answer what they return (or null).
     *
     * @throws RejectedException when it does not compile or the sandbox refuses it
     */
    public Object evaluate(UvmObject receiver, String snippet) {
        // The snippet starts on line 2 of each form, so findings map back by one line.
        String[] forms = {
            "Object doIt(UvmObject self, Object... args) { return (\n" + snippet + "\n); }",
            "Object doIt(UvmObject self, Object... args) {\n" + snippet + "\n}",
            "Object doIt(UvmObject self, Object... args) {\n" + snippet + "\n; return null; }",
        };
        Verdict first = null;
        Verdict last = null;
        for (String form : forms) {
            Verdict verdict = check(form, "doIt");
            if (verdict.accepted()) {
                return invoke(receiver, "doIt", new MethodSource(form), new Object[0]);
            }
            if (first == null) {
                first = verdict;
            }
            last = verdict;
        }
        Verdict shown = snippet.contains(";") ? last : first;
        List<Finding> inSnippet = new ArrayList<>();
        for (Finding finding : shown.findings()) {
            inSnippet.add(new Finding(finding.rule(), finding.severity(), finding.message(),
                    Math.max(0, finding.line() - 1), finding.line() > 1 ? finding.column() : 0));
        }
        throw new RejectedException("cannot evaluate", Verdict.of(inSnippet));
    }
}
