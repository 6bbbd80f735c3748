package io.batos.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * One method source wrapped as the compilation unit the compiler sees, with the way back from
 * positions in that unit to lines and columns of the method as the author wrote it.
 *
 * <p>The unit is: one header line (package and the fixed imports), one line opening the class,
 * the method's own lines unchanged, then a footer implementing {@link SlotMethod}. Budget checks
 * are inserted within lines, never as new lines, so line numbers survive and columns are mapped
 * back exactly.
 */
final class MethodUnit {
    static final String PACKAGE = "io.batos.code.generated";
    /** Changing the template or the instrumentation changes this, which invalidates cached bytecode. */
    static final String TEMPLATE_VERSION = "m1";
    static final String IMPORTS = "import java.util.*; import java.util.function.*; import java.util.stream.*; "
            + "import java.time.*; import java.math.*; import io.batos.object.UvmObject; "
            + "import io.batos.image.ObjectRef; import io.batos.image.BlobRef; import io.batos.image.MethodSource; "
            + "import io.batos.image.Primitive;";
    static final int HEADER_LINES = 2;

    private final String source;
    private final String hash;
    private final String className;
    private final String header;
    private final TreeMap<Integer, Integer> insertions = new TreeMap<>();
    private String text;

    MethodUnit(String source) {
        this.source = source;
        this.hash = hash(source);
        this.className = "M_" + hash.substring(0, 24);
        this.header = "package " + PACKAGE + "; " + IMPORTS + "\n"
                + "public final class " + className + " implements io.batos.code.SlotMethod { "
                + "private final io.batos.code.Budget $budget; "
                + "public " + className + "() { this.$budget = null; } "
                + "private " + className + "(io.batos.code.Budget budget) { this.$budget = budget; }\n";
        this.text = header + source;
    }

    /** SHA-256 of the method source, hex: the key of every cache. */
    static String hash(String source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(TEMPLATE_VERSION.getBytes(StandardCharsets.UTF_8));
            digest.update(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String source() {
        return source;
    }

    String hash() {
        return hash;
    }

    String className() {
        return className;
    }

    String qualifiedName() {
        return PACKAGE + "." + className;
    }

    /** The text to parse: header and method, without the footer. */
    String parseText() {
        return header + source + "\n}\n";
    }

    int headerLength() {
        return header.length();
    }

    /**
     * Applies budget checks at the given offsets of {@link #parseText()} (each insertion a
     * position and text) and closes the class with the footer calling {@code selector}.
     */
    void instrument(List<Insertion> checks, String selector) {
        List<Insertion> sorted = new ArrayList<>(checks);
        sorted.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        StringBuilder out = new StringBuilder(header.length() + source.length() + sorted.size() * 24 + 200);
        String base = header + source;
        int at = 0;
        int shift = 0;
        for (Insertion insertion : sorted) {
            out.append(base, at, insertion.offset());
            out.append(insertion.text());
            shift += insertion.text().length();
            insertions.put(insertion.offset() + shift, shift);
            at = insertion.offset();
        }
        out.append(base, at, base.length());
        out.append("\n@Override public Object invoke(io.batos.code.Budget budget, UvmObject self, Object[] args) { "
                + "return new ").append(className).append("(budget).").append(selector).append("(self, args); }\n}\n");
        text = out.toString();
    }

    /** The text the compiler compiles. */
    String text() {
        return text;
    }

    /** A check to insert at an offset of the parse text. */
    record Insertion(int offset, String text) {
    }

    /**
     * Maps an offset in the compiled text to a 1-based {line, column} of the method source, or
     * {0, 0} when it falls in generated code.
     */
    int[] position(long offset) {
        if (offset < 0) {
            return new int[] {0, 0};
        }
        var floor = insertions.floorEntry((int) offset);
        long original = offset - (floor == null ? 0 : floor.getValue());
        long inSource = original - header.length();
        if (inSource < 0 || inSource > source.length()) {
            return new int[] {0, 0};
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < inSource; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, (int) (inSource - lineStart) + 1};
    }
}
