package io.batos.guardian;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles the JSON Schema text of a data covenant into a validator, once per distinct text: the
 * compiled form is cached under the SHA-256 of the text.
 *
 * <p>Why by hash and not by name: covenants are data in the image, edited like any other slot.
 * Keyed by content, an edited covenant is a new key and takes effect at once, an unchanged one is
 * never compiled twice, and no cache ever needs invalidating. One compiler can therefore serve
 * every transaction of a process, whatever snapshot each reads its covenants from.
 *
 * <p>Contract:
 * <ul>
 *   <li>what a text compiles to is the {@link SchemaEngine}'s business (dialects, meta-schema
 *       check, no loading from anywhere, bounded patterns); a text that is no valid JSON Schema
 *       is cached too, with its problems;</li>
 *   <li>making a compiler is free: the validator (Jackson 3 and the schema registry, some 0.4 s
 *       to load) is started by the first compilation, so a process whose commits meet no
 *       covenant never pays for it;</li>
 *   <li>thread-safe; the cache holds the {@value #CAPACITY} most recently used texts.</li>
 * </ul>
 */
public final class CovenantCompiler {
    /** How many compiled texts are kept (covenants are few; edits leave old texts behind). */
    static final int CAPACITY = 256;
    /** How long one {@code pattern} may run on one value before the covenant is blamed. */
    static final long PATTERN_LIMIT_MS = 1_000;

    private final Duration patternLimit;
    private final Map<String, CompiledCovenant> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledCovenant> eldest) {
            return size() > CAPACITY;
        }
    };
    /** Guarded by this; made by the first compilation. */
    private SchemaEngine engine;
    private long compilations;

    /** A compiler whose patterns may run {@value #PATTERN_LIMIT_MS} ms on one value. */
    public CovenantCompiler() {
        this(Duration.ofMillis(PATTERN_LIMIT_MS));
    }

    /** A compiler with another bound on each pattern match (tests make it short). */
    CovenantCompiler(Duration patternLimit) {
        this.patternLimit = patternLimit;
    }

    /** The compiled form of a schema text: from the cache when this text was compiled before. */
    CompiledCovenant compile(String text) {
        String key = sha256(text);
        synchronized (this) {
            CompiledCovenant cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            if (engine == null) {
                engine = new SchemaEngine(patternLimit);
            }
            CompiledCovenant compiled = engine.compile(text);
            compilations++;
            cache.put(key, compiled);
            return compiled;
        }
    }

    /** How many texts this compiler has compiled (a cache hit compiles nothing). */
    public synchronized long compilations() {
        return compilations;
    }

    /** How many compiled texts the cache holds now. */
    public synchronized int cached() {
        return cache.size();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
