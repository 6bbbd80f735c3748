package io.batos.code;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The member allow-list that bounds what method code may touch, read from
 * {@code sandbox/allow-list.txt}.
 *
 * <p>Why an allow-list on resolved symbols: a deny-list of names is bypassed by an alias, a
 * qualified name or a method reference; javac's resolved symbols name the declaring type and member
 * whatever the spelling. The same list serves the class loader's second net (types only) and the
 * compiler's first (types and members).
 */
public final class SandboxPolicy {
    /** Infrastructure generated code needs at run time though its source never names it. */
    private static final Set<String> RUNTIME_SUPPORT = Set.of(
            "java.lang.Object", "java.lang.Throwable", "java.lang.Error", "java.lang.Class",
            "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.MethodHandles",
            "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType",
            "java.lang.invoke.CallSite", "java.lang.invoke.LambdaForm$Hidden", "java.lang.runtime.ObjectMethods",
            "java.lang.invoke.StringConcatFactory", "java.lang.NoSuchFieldError", "java.lang.IncompatibleClassChangeError",
            "java.lang.AssertionError", "java.lang.MatchException");

    private record Rule(boolean all, Set<String> only, Set<String> except) {
        boolean allows(String member) {
            return all ? !except.contains(member) : only.contains(member);
        }
    }

    private final Map<String, Rule> types = new HashMap<>();
    private final Map<String, Rule> packages = new HashMap<>();
    private final Set<String> denied = new HashSet<>();

    private SandboxPolicy() {
    }

    /** The policy shipped with this build. */
    public static SandboxPolicy standard() {
        try (InputStream in = SandboxPolicy.class.getResourceAsStream("/sandbox/allow-list.txt")) {
            if (in == null) {
                throw new IllegalStateException("sandbox/allow-list.txt is missing from the build");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxPolicy parse(InputStream in) throws IOException {
        SandboxPolicy policy = new SandboxPolicy();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] words = text.split("\\s+");
            if (words[0].startsWith("-")) {
                policy.denied.add(words[0].substring(1));
                continue;
            }
            boolean all = false;
            Set<String> only = new HashSet<>();
            Set<String> except = new HashSet<>();
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("*")) {
                    all = true;
                } else if (words[i].startsWith("-")) {
                    except.add(words[i].substring(1));
                    all = true;
                } else {
                    only.add(words[i]);
                }
            }
            Rule rule = new Rule(all, only, except);
            if (words[0].endsWith(".*")) {
                policy.packages.put(words[0].substring(0, words[0].length() - 2), rule);
            } else {
                policy.types.put(words[0], rule);
            }
        }
        return policy;
    }

    private Rule rule(String type, String pkg) {
        if (denied.contains(type)) {
            return null;
        }
        Rule exact = types.get(type);
        if (exact != null) {
            return exact;
        }
        // A nested type falls under its outermost type's line when it has none of its own.
        int dot = type.lastIndexOf('.');
        while (dot > pkg.length()) {
            String outer = type.substring(0, dot);
            if (denied.contains(outer)) {
                return null;
            }
            Rule outerRule = types.get(outer);
            if (outerRule != null) {
                return outerRule;
            }
            dot = outer.lastIndexOf('.');
        }
        return packages.get(pkg);
    }

    /**
     * Whether code may name {@code type} (canonical name, e.g. {@code java.util.Map.Entry}) of
     * package {@code pkg}.
     */
    public boolean allowsType(String type, String pkg) {
        return rule(type, pkg) != null;
    }

    /** Whether code may use {@code member} ({@code <init>} for constructors) declared by {@code type}. */
    public boolean allowsMember(String type, String pkg, String member) {
        Rule rule = rule(type, pkg);
        return rule != null && rule.allows(member);
    }

    /**
     * The class loader's net: whether a method's class may link against {@code binaryName}
     * (e.g. {@code java.util.Map$Entry}).
     */
    public boolean allowsLoading(String binaryName) {
        if (RUNTIME_SUPPORT.contains(binaryName)) {
            return true;
        }
        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        String canonical = binaryName.replace('$', '.');
        return allowsType(canonical, pkg);
    }
}
