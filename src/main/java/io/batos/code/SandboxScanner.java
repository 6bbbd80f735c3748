package io.batos.code;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Checks every symbol a compiled method refers to against the {@link SandboxPolicy}: the real
 * boundary of the sandbox.
 *
 * <p>It runs on javac's attributed trees, so a member is judged by its declaring type whatever the
 * spelling — an import, a qualified name, a method reference, an alias in a local. It also refuses
 * {@code catch} of {@code Throwable} or {@code Error}, which could otherwise swallow the budget's
 * {@link RunawayMethodError}.
 */
final class SandboxScanner extends TreePathScanner<Void, Void> {
    private final Trees trees;
    private final Elements elements;
    private final SandboxPolicy policy;
    private final MethodUnit unit;
    private final CompilationUnitTree compilationUnit;
    private final SourcePositions positions;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();

    SandboxScanner(Trees trees, Elements elements, SandboxPolicy policy, MethodUnit unit,
                   CompilationUnitTree compilationUnit) {
        this.trees = trees;
        this.elements = elements;
        this.policy = policy;
        this.unit = unit;
        this.compilationUnit = compilationUnit;
        this.positions = trees.getSourcePositions();
    }

    List<Finding> scan() {
        scan(compilationUnit, null);
        return findings;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        check(new TreePath(getCurrentPath(), node.getMethodSelect()), node);
        return super.visitMethodInvocation(node, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
        Element constructor = trees.getElement(getCurrentPath());
        if (constructor != null && constructor.getKind() == ElementKind.CONSTRUCTOR) {
            TypeElement owner = (TypeElement) constructor.getEnclosingElement();
            if (owner.getNestingKind() == NestingKind.ANONYMOUS) {
                // An anonymous class's constructor calls its supertype's: judge that one.
                Element superType = trees.getElement(new TreePath(getCurrentPath(), node.getIdentifier()));
                if (superType instanceof TypeElement type) {
                    judgeMember(type, type.getKind().isInterface() ? null : "<init>", node);
                }
            } else {
                judgeMember(owner, "<init>", node);
            }
        }
        return super.visitNewClass(node, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        check(getCurrentPath(), node);
        return super.visitMemberReference(node, unused);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        check(getCurrentPath(), node);
        return super.visitMemberSelect(node, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
        check(getCurrentPath(), node);
        return super.visitIdentifier(node, unused);
    }

    @Override
    public Void visitCatch(CatchTree node, Void unused) {
        Tree type = node.getParameter().getType();
        List<? extends Tree> alternatives = type instanceof UnionTypeTree union ? union.getTypeAlternatives()
                : List.of(type);
        for (Tree alternative : alternatives) {
            Element element = trees.getElement(new TreePath(getCurrentPath(), alternative));
            if (element instanceof TypeElement typeElement) {
                String name = typeElement.getQualifiedName().toString();
                if (name.equals("java.lang.Throwable") || name.equals("java.lang.Error")) {
                    report(alternative, "catch (" + typeElement.getSimpleName()
                            + ") is not allowed: it would swallow the time budget; catch Exception instead");
                }
            }
        }
        return super.visitCatch(node, unused);
    }

    private void check(TreePath path, Tree node) {
        Element element = trees.getElement(path);
        if (element == null) {
            return;
        }
        switch (element.getKind()) {
            case METHOD, CONSTRUCTOR, FIELD, ENUM_CONSTANT -> {
                Element owner = element.getEnclosingElement();
                if (owner instanceof TypeElement type) {
                    String member = element.getKind() == ElementKind.CONSTRUCTOR ? "<init>"
                            : element.getSimpleName().toString();
                    if (isArrayMember(type, member)) {
                        return;
                    }
                    judgeMember(type, member, node);
                }
            }
            case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE -> judgeMember((TypeElement) element, null, node);
            default -> {
                // locals, parameters, packages, type variables: nothing to judge
            }
        }
    }

    private void judgeMember(TypeElement type, String member, Tree node) {
        if (isOwn(type)) {
            return;
        }
        String name = type.getQualifiedName().toString();
        String pkg = elements.getPackageOf(type).getQualifiedName().toString();
        if (member == null) {
            if (!policy.allowsType(name, pkg)) {
                report(node, name + " is not available to methods (sandbox)");
            }
        } else if (!policy.allowsMember(name, pkg, member)) {
            String what = member.equals("<init>") ? "new " + name + "(…)" : name + "." + member;
            report(node, what + " is not available to methods (sandbox)");
        }
    }

    /** An array's {@code length} or {@code clone()}: javac's members of its synthetic class {@code Array}. */
    private boolean isArrayMember(TypeElement owner, String member) {
        // A class of the unnamed package cannot be named from the generated package, so an owner
        // called plainly "Array" is javac's own.
        return owner.getQualifiedName().contentEquals("Array") && (member.equals("length") || member.equals("clone"));
    }

    /** Types the method declares itself (local classes, records, the generated class). */
    private boolean isOwn(TypeElement type) {
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            return true;
        }
        Element outer = type;
        while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
            outer = enclosing;
        }
        return ((TypeElement) outer).getQualifiedName().contentEquals(unit.qualifiedName());
    }

    private void report(Tree node, String message) {
        long start = positions.getStartPosition(compilationUnit, node);
        int[] at = unit.position(start);
        if (at[0] == 0 || !reported.add(message + "@" + at[0] + ":" + at[1])) {
            return;
        }
        findings.add(Finding.error("sandbox", message, at[0], at[1]));
    }
}
