package io.batos.guardian;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import io.batos.code.Finding;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code static-state}: nothing static that could hold state between sends — no static fields
 * but constants, no static initializer blocks, no mutable fields in local enums.
 *
 * <p>Why: the image is the only memory. A static field of a local or anonymous class lives as long
 * as the method's compiled class (across sends, transactions and aborts), is never persisted, and
 * is invisible to undo — exactly the state the Persistence Covenant exists to prevent. Local enums
 * are singletons per class, so their non-final fields are the same thing in disguise.
 *
 * <p>Contract: anywhere in the source (top level, local and anonymous classes, records, enums,
 * interfaces), one error per
 * <ul>
 *   <li>static field (interface fields are implicitly static) that is not a constant: a constant is
 *       {@code final} and of a primitive type, {@code String}, a boxed primitive, {@code BigInteger}
 *       or {@code BigDecimal} (one without an initializer is set by a static initializer, which is
 *       refused on its own);</li>
 *   <li>static initializer block;</li>
 *   <li>field of a local enum that is not a final primitive, string or number (enum constants are
 *       singletons, so such a field is static state);</li>
 *   <li>{@code static} modifier on a local class (not Java, but said plainly here if it parses).</li>
 * </ul>
 * Static methods are fine: without static fields they have nowhere to keep anything.
 */
final class StaticStateRule implements Rule {

    /** The rule id. */
    static final String ID = "static-state";

    private static final Set<String> IMMUTABLE = Set.of("String", "java.lang.String", "Integer", "Long", "Short",
            "Byte", "Character", "Boolean", "Double", "Float", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Double",
            "java.lang.Float", "BigInteger", "BigDecimal", "java.math.BigInteger", "java.math.BigDecimal");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(ParsedSource source, Consumer<Finding> findings) {
        source.walk(node -> {
            if (node instanceof FieldDeclaration field) {
                field(source, field, findings);
            } else if (node instanceof InitializerDeclaration initializer && initializer.isStatic()) {
                findings.accept(source.error(ID, "a static initializer runs once per loaded class and keeps what it "
                        + "makes outside the image; compute it in the method", initializer));
            } else if (node instanceof ClassOrInterfaceDeclaration type && type.isLocalClassDeclaration()
                    && type.isStatic()) {
                findings.accept(source.error(ID, "a local class cannot be static", modifier(type, Modifier.Keyword.STATIC)));
            }
        });
    }

    private static void field(ParsedSource source, FieldDeclaration field, Consumer<Finding> findings) {
        Node owner = field.getParentNode().orElse(null);
        boolean inInterface = owner instanceof ClassOrInterfaceDeclaration type && type.isInterface();
        boolean isStatic = field.isStatic() || inInterface;
        boolean isFinal = field.isFinal() || inInterface;
        if (isStatic) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (!(isFinal && isImmutable(variable.getType()))) {
                    findings.accept(source.error(ID, "static field '" + variable.getNameAsString() + "' of type "
                            + variable.getType() + " could keep state between sends, outside the image; keep state "
                            + "in self's slots (static final constants of primitive or String type are fine)",
                            variable));
                }
            }
        } else if (owner instanceof EnumDeclaration) {
            for (VariableDeclarator variable : field.getVariables()) {
                if (!(isFinal && isImmutable(variable.getType()))) {
                    findings.accept(source.error(ID, "field '" + variable.getNameAsString() + "' of the enum '"
                            + ((TypeDeclaration<?>) owner).getNameAsString() + "' is shared by every send (enum "
                            + "constants are singletons); make it a final primitive or String, or keep it in a slot",
                            variable));
                }
            }
        }
    }

    private static boolean isImmutable(Type type) {
        return type.isPrimitiveType()
                || type instanceof ClassOrInterfaceType named && IMMUTABLE.contains(named.getNameWithScope());
    }

    private static Node modifier(ClassOrInterfaceDeclaration type, Modifier.Keyword keyword) {
        return type.getModifiers().stream().filter(m -> m.getKeyword() == keyword).findFirst().map(m -> (Node) m)
                .orElse(type);
    }
}
