package io.batos.guardian;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.type.TypeParameter;
import io.batos.code.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A method source as the guardian parsed it: inside a class the guardian generated around it, with
 * every position mapped back to the method source the author wrote.
 *
 * <p>Why a wrapper: a method is not a compilation unit, so the source is parsed as the single
 * member of a generated class whose declaration stands alone on the line before the source.
 * Positions in the tree are therefore one line too far down; {@link #line(Node)} and
 * {@link #column(Node)} undo that and clamp anything that falls on the generated lines into the
 * method source, so every finding has a 1-based place the author can see.
 *
 * <p>Leading {@code import} and {@code package} lines are not Java inside a class; the parser blanks
 * them out before parsing and keeps them as {@link #headers()} so that the shape rule can refuse
 * them and the forbidden-API rule can name what they tried to import.
 *
 * <p>Instances are built by {@link SourceParser}, read by the rules, and never shared between
 * audits; the lazily computed name sets make them unfit for concurrent use, which nothing needs.
 */
final class ParsedSource {

    /**
     * A leading {@code import} or {@code package} line, blanked before parsing.
     *
     * @param keyword {@code import} or {@code package}
     * @param name    the dotted name as written, {@code static } excluded, {@code .*} kept
     * @param line    1-based line in the method source
     * @param column  1-based column of the keyword
     */
    record Header(String keyword, String name, int line, int column) {
    }

    private final String source;
    private final String selector;
    private final CompilationUnit unit;
    private final List<CompilationUnit> liftedEnums;
    private final int lineOffset;
    private final List<Header> headers;
    private final int lineCount;
    private final int lastLineLength;
    private Set<String> variables;
    private Set<String> types;
    private Set<String> methodNames;
    private List<NameUses.Use> nameUses;
    private List<Node> nodes;

    ParsedSource(String source, String selector, CompilationUnit unit, List<CompilationUnit> liftedEnums,
            int lineOffset, List<Header> headers) {
        this.source = source;
        this.selector = selector;
        this.unit = unit;
        this.liftedEnums = List.copyOf(liftedEnums);
        this.lineOffset = lineOffset;
        this.headers = List.copyOf(headers);
        int lines = 1;
        int lastStart = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == source.length() || source.charAt(i + 1) != '\n'))) {
                lines++;
                lastStart = i + 1;
            }
        }
        this.lineCount = lines;
        this.lastLineLength = source.length() - lastStart;
    }

    /** The method source exactly as given. */
    String source() {
        return source;
    }

    /** The selector the method will be installed under, or null when the caller gave none. */
    String selector() {
        return selector;
    }

    /** The whole parsed unit: the generated class, and anything that escaped it. */
    CompilationUnit unit() {
        return unit;
    }

    /**
     * Visits every node the author wrote, in tree order: the unit, then each local enum that was
     * parsed apart (see {@link LocalEnums}), at its true position.
     */
    void walk(Consumer<Node> visitor) {
        if (nodes == null) {
            // one traversal, shared by every rule: JavaParser's tree iterator is not cheap
            List<Node> all = new ArrayList<>(512);
            unit.walk(all::add);
            for (CompilationUnit lifted : liftedEnums) {
                for (BodyDeclaration<?> member : lifted.getType(0).getMembers()) {
                    member.walk(all::add);
                }
            }
            nodes = all;
        }
        for (int i = 0; i < nodes.size(); i++) {
            visitor.accept(nodes.get(i));
        }
    }

    /** The generated class whose members are what the author wrote. */
    ClassOrInterfaceDeclaration wrapper() {
        return unit.getType(0).asClassOrInterfaceDeclaration();
    }

    /** Types after the generated class: the source closed the wrapper and declared more. */
    List<TypeDeclaration<?>> strayTypes() {
        return unit.getTypes().subList(1, unit.getTypes().size());
    }

    /** The members the author wrote at the top level, in order. */
    List<BodyDeclaration<?>> members() {
        return wrapper().getMembers();
    }

    /** The top-level methods (exactly one in a well-shaped source). */
    List<MethodDeclaration> methods() {
        return wrapper().getMembers().stream()
                .filter(BodyDeclaration::isMethodDeclaration)
                .map(BodyDeclaration::asMethodDeclaration)
                .toList();
    }

    /** The leading import and package lines that were blanked before parsing. */
    List<Header> headers() {
        return headers;
    }

    /** 1-based line of the node in the method source (clamped into it). */
    int line(Node node) {
        return node.getBegin().map(this::line).orElse(0);
    }

    /** 1-based column of the node in the method source (clamped into it). */
    int column(Node node) {
        return node.getBegin().map(this::column).orElse(0);
    }

    /** 1-based line of a position of the wrapped text, mapped into the method source. */
    int line(Position p) {
        int line = p.line - lineOffset;
        return line < 1 ? 1 : Math.min(line, lineCount);
    }

    /** 1-based column of a position of the wrapped text, mapped into the method source. */
    int column(Position p) {
        int line = p.line - lineOffset;
        if (line < 1) {
            return 1;
        }
        if (line > lineCount) {
            return lastLineLength + 1;
        }
        return Math.max(1, p.column);
    }

    /** "line:column" of the node, for messages. */
    String at(Node node) {
        return line(node) + ":" + column(node);
    }

    /** "line:column" of the node's end (its last character), for messages. */
    String atEnd(Node node) {
        return node.getEnd().map(p -> line(p) + ":" + column(p)).orElse("?");
    }

    /** An error finding of {@code rule} placed at {@code node}. */
    Finding error(String rule, String message, Node node) {
        return Finding.error(rule, message, line(node), column(node));
    }

    /** A warning finding of {@code rule} placed at {@code node}. */
    Finding warning(String rule, String message, Node node) {
        return Finding.warning(rule, message, line(node), column(node));
    }

    /**
     * Every name the source declares as a variable anywhere: parameters, locals, lambda and catch
     * parameters, pattern variables, fields and record components of local classes, enum constants.
     * Scopes are ignored on purpose: a text rule that skips a declared name errs towards silence.
     */
    Set<String> declaredVariables() {
        if (variables == null) {
            Set<String> names = new HashSet<>();
            walk(node -> {
                if (node instanceof VariableDeclarator v) {
                    names.add(v.getNameAsString());
                } else if (node instanceof Parameter p) {
                    names.add(p.getNameAsString());
                } else if (node instanceof TypePatternExpr t) {
                    names.add(t.getNameAsString());
                } else if (node instanceof EnumConstantDeclaration e) {
                    names.add(e.getNameAsString());
                }
            });
            variables = names;
        }
        return variables;
    }

    /** Every type name the source declares (local classes, records, enums, interfaces, type variables). */
    Set<String> declaredTypes() {
        if (types == null) {
            Set<String> names = new HashSet<>();
            ClassOrInterfaceDeclaration wrapper = wrapper();
            walk(node -> {
                if (node instanceof TypeDeclaration<?> t && t != wrapper) {
                    names.add(t.getNameAsString());
                } else if (node instanceof TypeParameter t) {
                    names.add(t.getNameAsString());
                }
            });
            types = names;
        }
        return types;
    }

    /** The type and package names the source mentions (computed once, shared by the name rules). */
    List<NameUses.Use> nameUses() {
        if (nameUses == null) {
            nameUses = NameUses.of(this);
        }
        return nameUses;
    }

    /** Every method name the source declares (the method itself and those of local classes). */
    Set<String> declaredMethods() {
        if (methodNames == null) {
            Set<String> names = new HashSet<>();
            walk(node -> {
                if (node instanceof MethodDeclaration m) {
                    names.add(m.getNameAsString());
                }
            });
            methodNames = names;
        }
        return methodNames;
    }
}
