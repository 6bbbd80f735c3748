package io.batos.guardian;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a method source mentions that could denote a type or a package: every type written
 * ({@code File}, {@code java.io.File}, {@code Map.Entry}) and every chain of plain names used as an
 * expression ({@code System}, {@code System.out}, {@code java.lang.System}), each with its node.
 *
 * <p>Why: a forbidden API can be reached by a simple name, a qualified name, a method reference or
 * a {@code new}; all of these put its name in one of these two places, so the name rules
 * ({@link ForbiddenApiRule}, {@link SyncRule}) look only here. Each use is reported once, at its
 * outermost node: {@code java.lang.System} is one use, not three.
 *
 * <p>Contract: names whose first segment the source declares itself (a local variable, a local
 * class, a type variable) are left out — they are the author's, not the JDK's.
 */
final class NameUses {

    /**
     * One mention of a name.
     *
     * @param node the outermost node that spells it
     * @param name the dotted name as written
     */
    record Use(Node node, String name) {
    }

    private NameUses() {
    }

    /** Every use in the source, in tree order. */
    static List<Use> of(ParsedSource source) {
        List<Use> uses = new ArrayList<>();
        source.walk(node -> {
            if (node instanceof ClassOrInterfaceType type) {
                if (type.getParentNode().orElse(null) instanceof ClassOrInterfaceType outer
                        && outer.getScope().orElse(null) == type) {
                    return;
                }
                add(source, uses, type, type.getNameWithScope(), false);
            } else if (node instanceof NameExpr || node instanceof FieldAccessExpr) {
                if (node.getParentNode().orElse(null) instanceof FieldAccessExpr outer && outer.getScope() == node) {
                    return;
                }
                String dotted = dotted((Expression) node);
                if (dotted != null) {
                    add(source, uses, node, dotted, true);
                }
            }
        });
        return uses;
    }

    private static void add(ParsedSource source, List<Use> uses, Node node, String name, boolean expression) {
        String first = ForbiddenNames.first(name);
        if (first.equals(SourceParser.WRAPPER) || source.declaredTypes().contains(first)
                || expression && source.declaredVariables().contains(first)) {
            return;
        }
        uses.add(new Use(node, name));
    }

    /** The dotted name of a chain of plain names, or null when something else is in it. */
    static String dotted(Expression expression) {
        if (expression instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (expression instanceof TypeExpr type && type.getType() instanceof ClassOrInterfaceType named
                && named.getTypeArguments().isEmpty()) {
            return named.getNameWithScope();
        }
        if (expression instanceof FieldAccessExpr access && access.getTypeArguments().isEmpty()) {
            String scope = dotted(access.getScope());
            return scope == null ? null : scope + "." + access.getNameAsString();
        }
        return null;
    }
}
