package io.batos.guardian;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import io.batos.code.Finding;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code shape}: the source is exactly one method {@code Object NAME(UvmObject self, Object... args)
 * { … }}, named like the selector it is installed under.
 *
 * <p>Why: the code layer wraps the method in a generated class and calls it through one fixed
 * signature with the receiver as {@code self}; anything else — a second method, a field, a class,
 * imports, a generic or static method, other parameters — either cannot be called or could hold
 * state outside the image. A method whose name differs from its selector would answer a message it
 * is not stored under.
 *
 * <p>Contract: one error per problem. The method takes no modifiers ({@code synchronized} and
 * {@code native} are left to the {@code sync} and {@code forbidden-api} rules, which say why), no
 * annotations but {@code @SuppressWarnings}, no type parameters and no {@code throws} clause; its
 * parameters may be {@code final} and nothing else; {@code UvmObject} and {@code Object} may be
 * written qualified ({@code io.batos.object.UvmObject}, {@code java.lang.Object}).
 */
final class MethodShape implements Rule {

    /** The rule id. */
    static final String ID = "shape";

    /** How the method must look, for messages. */
    static final String SIGNATURE = "Object name(UvmObject self, Object... args) { … }";

    private static final Set<String> OBJECT = Set.of("Object", "java.lang.Object");
    private static final Set<String> UVM_OBJECT = Set.of("UvmObject", "io.batos.object.UvmObject");
    private static final Set<String> ALLOWED_ANNOTATIONS = Set.of("SuppressWarnings", "java.lang.SuppressWarnings");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(ParsedSource source, Consumer<Finding> findings) {
        for (ParsedSource.Header header : source.headers()) {
            String message = header.keyword().equals("import")
                    ? "a method source has no imports: java.util.*, java.util.function.*, java.util.stream.*, "
                            + "java.time.*, java.math.* and UvmObject are imported for it ('import " + header.name() + "')"
                    : "a method source has no package declaration ('package " + header.name() + "')";
            findings.accept(Finding.error(ID, message, header.line(), header.column()));
        }
        for (TypeDeclaration<?> stray : source.strayTypes()) {
            findings.accept(source.error(ID, "a method source holds exactly one method, not also the "
                    + kind(stray) + " '" + stray.getNameAsString() + "' after it (is there a '}' too many?)", stray));
        }
        MethodDeclaration first = null;
        int others = 0;
        for (BodyDeclaration<?> member : source.members()) {
            if (member instanceof MethodDeclaration method) {
                if (first == null) {
                    first = method;
                } else {
                    findings.accept(source.error(ID, "a method source holds exactly one method; '"
                            + method.getNameAsString() + "' is a second one (make it a lambda or a local class "
                            + "inside the first, or another slot)", method.getName()));
                }
            } else {
                others++;
                String named = member instanceof TypeDeclaration<?> type ? " '" + type.getNameAsString() + "'" : "";
                findings.accept(source.error(ID, "a method source holds exactly one method, not a "
                        + kind(member) + named + ": write " + SIGNATURE, member));
            }
        }
        if (first == null) {
            if (others == 0 && source.strayTypes().isEmpty()) {
                findings.accept(Finding.error(ID, "no method found: write " + SIGNATURE, 1, 1));
            }
            return;
        }
        checkSignature(source, first, findings);
    }

    private static void checkSignature(ParsedSource source, MethodDeclaration method, Consumer<Finding> findings) {
        for (Modifier modifier : method.getModifiers()) {
            Modifier.Keyword keyword = modifier.getKeyword();
            if (keyword != Modifier.Keyword.SYNCHRONIZED && keyword != Modifier.Keyword.NATIVE) {
                findings.accept(source.error(ID, "the method takes no modifiers; remove '"
                        + keyword.asString() + "'", modifier));
            }
        }
        annotations(source, method.getAnnotations(), "the method", findings);
        if (!method.getTypeParameters().isEmpty()) {
            findings.accept(source.error(ID, "the method cannot be generic; remove the type parameters",
                    method.getTypeParameters().get(0)));
        }
        if (!isNamed(method.getType(), OBJECT)) {
            findings.accept(source.error(ID, "the method must return Object, not " + method.getType(),
                    method.getType()));
        }
        List<Parameter> parameters = method.getParameters();
        if (method.getReceiverParameter().isPresent()) {
            findings.accept(source.error(ID, "the method takes no receiver parameter",
                    method.getReceiverParameter().get()));
        }
        if (parameters.size() != 2) {
            Node at = parameters.isEmpty() ? method.getName() : parameters.get(0);
            findings.accept(source.error(ID, "the method takes exactly (UvmObject self, Object... args), not "
                    + parameters.size() + " parameter" + (parameters.size() == 1 ? "" : "s"), at));
        } else {
            parameter(source, parameters.get(0), UVM_OBJECT, "UvmObject", false, "self", findings);
            parameter(source, parameters.get(1), OBJECT, "Object", true, "args", findings);
        }
        if (!method.getThrownExceptions().isEmpty()) {
            findings.accept(source.error(ID, "the method declares no exceptions: catch checked ones inside it",
                    method.getThrownExceptions().get(0)));
        }
        if (method.getBody().isEmpty()) {
            findings.accept(source.error(ID, "the method has no body: write " + SIGNATURE, method.getName()));
        }
        String selector = source.selector();
        if (selector != null && !selector.equals(method.getNameAsString())) {
            findings.accept(source.error(ID, "the method is named '" + method.getNameAsString()
                    + "' but is installed under the selector '" + selector + "'; a method's name is its selector",
                    method.getName()));
        }
    }

    private static void parameter(ParsedSource source, Parameter parameter, Set<String> types, String type,
            boolean varArgs, String name, Consumer<Finding> findings) {
        String expected = type + (varArgs ? "... " : " ") + name;
        if (!isNamed(parameter.getType(), types) || parameter.isVarArgs() != varArgs) {
            findings.accept(source.error(ID, "this parameter must be '" + expected + "', not '"
                    + parameter.getType() + (parameter.isVarArgs() ? "..." : "") + "'", parameter));
        } else if (!parameter.getNameAsString().equals(name)) {
            findings.accept(source.error(ID, "this parameter must be named '" + name + "', not '"
                    + parameter.getNameAsString() + "'", parameter.getName()));
        }
        for (Modifier modifier : parameter.getModifiers()) {
            if (modifier.getKeyword() != Modifier.Keyword.FINAL) {
                findings.accept(source.error(ID, "a parameter may only be final; remove '"
                        + modifier.getKeyword().asString() + "'", modifier));
            }
        }
        annotations(source, parameter.getAnnotations(), "a parameter", findings);
    }

    private static void annotations(ParsedSource source, List<AnnotationExpr> annotations, String what,
            Consumer<Finding> findings) {
        for (AnnotationExpr annotation : annotations) {
            if (!ALLOWED_ANNOTATIONS.contains(annotation.getNameAsString())) {
                findings.accept(source.error(ID, what + " takes no annotation but @SuppressWarnings; remove @"
                        + annotation.getNameAsString(), annotation));
            }
        }
    }

    private static boolean isNamed(Type type, Set<String> names) {
        return type instanceof ClassOrInterfaceType t && t.getTypeArguments().isEmpty()
                && names.contains(t.getNameWithScope());
    }

    private static String kind(Node member) {
        if (member instanceof RecordDeclaration) {
            return "record";
        }
        if (member instanceof EnumDeclaration) {
            return "enum";
        }
        if (member instanceof AnnotationDeclaration) {
            return "annotation type";
        }
        if (member instanceof ClassOrInterfaceDeclaration c) {
            return c.isInterface() ? "interface" : "class";
        }
        if (member instanceof FieldDeclaration) {
            return "field";
        }
        if (member instanceof InitializerDeclaration) {
            return "initializer block";
        }
        if (member instanceof ConstructorDeclaration) {
            return "constructor";
        }
        return member.getClass().getSimpleName();
    }
}
