package io.batos.guardian;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one method does to the state of {@code self}, read from its text: which local names may hold
 * a value taken from a slot, and which expressions change the object.
 *
 * <p>Why: the image cannot see a list or map changed in place; the method must say so with
 * {@code self.markChanged()} (the Persistence Covenant). To check that, {@link CovenantRule} needs
 * the places where state changes. A state change is
 * <ul>
 *   <li>{@code self.set(…)}, {@code self.remove(…)}, {@code self.setParents(…)} (also through a
 *       local that holds {@code self});</li>
 *   <li>a mutating call ({@link #MUTATORS}: {@code add}, {@code put}, {@code remove}, {@code clear},
 *       {@code sort}, {@code compute}, {@code merge}, {@code removeIf}, {@code setValue}, …) on a
 *       value <em>derived from state</em>, or such a value passed as the first argument of
 *       {@code Collections.sort/reverse/shuffle/swap/fill/addAll/rotate/copy/replaceAll} or
 *       {@code Arrays.sort/fill/setAll/parallelPrefix};</li>
 *   <li>a method reference to a mutator on such a value ({@code other.forEach(items::add)});</li>
 *   <li>an assignment (plain or compound) or {@code ++}/{@code --} to an element of such an array.</li>
 * </ul>
 * A value is derived from state when it is {@code self.get(…)} or {@code self.send(…)}, or a view or
 * element of a derived value ({@link #VIEWS}: {@code get}, {@code subList}, {@code entrySet},
 * {@code iterator}, {@code computeIfAbsent}, …), through casts, parentheses, conditionals,
 * {@code Objects.requireNonNull…} and assignments, or a local that may hold one: assigned from one
 * (every target of a chained {@code a = b = …}, every reassignment {@code ys = xs}), a for-each
 * variable over one, an {@code instanceof} pattern variable testing one, a lambda parameter of
 * {@code forEach}/{@code compute…}/{@code merge}/{@code replaceAll}/{@code removeIf} called on one.
 *
 * <p>A value cast to or declared as {@code UvmObject} is another object's handle, not a container:
 * its {@code set} writes that object's slot through the transaction and needs no mark from
 * {@code self}.
 *
 * <p>Contract: the analysis is by name and ignores scopes and order (a local that ever holds
 * state is treated as always holding it), and it looks into lambdas and local classes. A fresh copy
 * ({@code new ArrayList<>(…)}, {@code List.copyOf(…)}, a stream's {@code collect}) is not derived
 * from state. It is neither sound nor complete — no types — and it need not be: the commit-time
 * check in the image is exact.
 */
final class StateAccess {

    /** Calls that change the collection (or entry, or iterator) they are called on. */
    static final Set<String> MUTATORS = Set.of("add", "addAll", "put", "putAll", "remove", "removeIf",
            "removeAll", "retainAll", "clear", "set", "sort", "replaceAll", "compute", "computeIfAbsent",
            "computeIfPresent", "merge", "putIfAbsent", "replace", "push", "pop", "poll", "offer", "addFirst",
            "addLast", "removeFirst", "removeLast", "offerFirst", "offerLast", "pollFirst", "pollLast",
            "pollFirstEntry", "pollLastEntry", "removeFirstOccurrence", "removeLastOccurrence", "setValue",
            "setAll", "putFirst", "putLast");

    /** Calls whose result is (part of) the value they are called on, so a change to it is a change to that. */
    static final Set<String> VIEWS = Set.of("get", "getOrDefault", "getFirst", "getLast", "first", "last",
            "floor", "ceiling", "higher", "lower", "peek", "peekFirst", "peekLast", "element", "subList",
            "keySet", "values", "entrySet", "navigableKeySet", "descendingKeySet", "descendingMap",
            "descendingSet", "headMap", "tailMap", "subMap", "headSet", "tailSet", "subSet", "iterator",
            "listIterator", "descendingIterator", "next", "previous", "getValue", "computeIfAbsent",
            "computeIfPresent", "compute", "merge", "putIfAbsent", "reversed", "sequencedKeySet",
            "sequencedValues", "sequencedEntrySet");

    /** Static helpers that change their first argument. */
    private static final Set<String> COLLECTIONS_MUTATORS = Set.of("sort", "reverse", "shuffle", "swap", "fill",
            "addAll", "rotate", "copy", "replaceAll");
    private static final Set<String> ARRAYS_MUTATORS = Set.of("sort", "fill", "setAll", "parallelSetAll",
            "parallelSort", "parallelPrefix");

    /** Calls on a state value whose lambda parameters receive (parts of) that value. */
    private static final Set<String> ELEMENT_CALLBACKS = Set.of("forEach", "replaceAll", "removeIf", "compute",
            "computeIfAbsent", "computeIfPresent", "merge", "forEachRemaining");

    /** Calls on {@code self} that write its slots. */
    static final Set<String> SELF_WRITERS = Set.of("set", "remove", "setParents");

    private static final Set<String> SELF_READERS = Set.of("get", "send");

    private final Set<String> selves = new HashSet<>();
    private final Set<String> aliases = new HashSet<>();
    private final List<Node> modifications;

    private StateAccess(MethodDeclaration method) {
        selves.add("self");
        Node scope = method.getBody().isPresent() ? method.getBody().get() : method;
        List<Node> candidates = new ArrayList<>();
        scope.walk(node -> {
            if (node instanceof VariableDeclarator || node instanceof AssignExpr || node instanceof ForEachStmt
                    || node instanceof InstanceOfExpr || node instanceof LambdaExpr) {
                candidates.add(node);
            }
        });
        // names only grow; the number of rounds is bounded by the number of candidates
        boolean grew = true;
        for (int round = 0; grew && round <= candidates.size(); round++) {
            grew = false;
            for (Node candidate : candidates) {
                grew |= learn(candidate);
            }
        }
        List<Node> found = new ArrayList<>();
        scope.walk(node -> {
            if (isModification(node)) {
                found.add(node);
            }
        });
        found.sort(Comparator.comparing(n -> n.getBegin().orElseThrow()));
        modifications = List.copyOf(found);
    }

    /** The analysis of one method. */
    static StateAccess of(MethodDeclaration method) {
        return new StateAccess(method);
    }

    /** Every state change in the method, lambdas and local classes included, in source order. */
    List<Node> modifications() {
        return modifications;
    }

    /** The first state change inside {@code node} (or {@code node} itself), or null. */
    Node firstModificationIn(Node node) {
        if (modifications.isEmpty()) {
            return null;
        }
        var range = node.getRange().orElse(null);
        if (range == null) {
            return null;
        }
        for (Node modification : modifications) {
            if (modification == node || modification.getRange().map(range::contains).orElse(false)) {
                return modification;
            }
        }
        return null;
    }

    /** Whether the statement is exactly {@code self.markChanged();} (or through a local holding self). */
    boolean isMarkChanged(Statement statement) {
        return statement instanceof ExpressionStmt expression
                && expression.getExpression() instanceof MethodCallExpr call
                && isMarkChangedCall(call);
    }

    /** Whether the call is {@code self.markChanged()}. */
    boolean isMarkChangedCall(MethodCallExpr call) {
        return call.getNameAsString().equals("markChanged") && call.getArguments().isEmpty()
                && call.getScope().map(this::isSelf).orElse(false);
    }

    /** Whether the expression denotes {@code self}. */
    boolean isSelf(Expression expression) {
        return strip(expression) instanceof NameExpr name && selves.contains(name.getNameAsString());
    }

    /** Whether the expression's value may be (part of) the state of {@code self}. */
    boolean derivesFromState(Expression expression) {
        if (isObjectHandle(expression)) {
            return false;
        }
        Expression e = strip(expression);
        if (e instanceof NameExpr name) {
            return aliases.contains(name.getNameAsString());
        }
        if (e instanceof MethodCallExpr call) {
            String name = call.getNameAsString();
            if (call.getScope().isPresent()) {
                Expression scope = strip(call.getScope().get());
                if (SELF_READERS.contains(name) && isSelf(scope)) {
                    return true;
                }
                if (VIEWS.contains(name) && derivesFromState(scope)) {
                    return true;
                }
            }
            if (name.startsWith("requireNonNull") && call.getScope().map(s -> lastName(s).equals("Objects")).orElse(true)) {
                return call.getArguments().stream().anyMatch(this::derivesFromState);
            }
            return false;
        }
        if (e instanceof ConditionalExpr conditional) {
            return derivesFromState(conditional.getThenExpr()) || derivesFromState(conditional.getElseExpr());
        }
        if (e instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN) {
            return derivesFromState(assign.getValue());
        }
        if (e instanceof ArrayAccessExpr access) {
            return derivesFromState(access.getName());
        }
        return false;
    }

    /** Whether the node, by itself, changes state (its subexpressions are judged on their own). */
    boolean isModification(Node node) {
        if (node instanceof MethodCallExpr call) {
            if (call.getScope().isEmpty()) {
                return false;
            }
            Expression scope = strip(call.getScope().get());
            String name = call.getNameAsString();
            if (isSelf(scope)) {
                return SELF_WRITERS.contains(name);
            }
            if (MUTATORS.contains(name) && derivesFromState(scope)) {
                return true;
            }
            String owner = lastName(scope);
            if ((owner.equals("Collections") && COLLECTIONS_MUTATORS.contains(name)
                    || owner.equals("Arrays") && ARRAYS_MUTATORS.contains(name))
                    && call.getArguments().isNonEmpty()) {
                return derivesFromState(call.getArgument(0));
            }
            return false;
        }
        if (node instanceof MethodReferenceExpr reference) {
            String name = reference.getIdentifier();
            Expression scope = asName(reference.getScope());
            return isSelf(scope) ? SELF_WRITERS.contains(name) : MUTATORS.contains(name) && derivesFromState(scope);
        }
        if (node instanceof AssignExpr assign) {
            return assign.getTarget() instanceof ArrayAccessExpr access && derivesFromState(access.getName());
        }
        if (node instanceof UnaryExpr unary && isIncrementOrDecrement(unary.getOperator())) {
            return strip(unary.getExpression()) instanceof ArrayAccessExpr access && derivesFromState(access.getName());
        }
        return false;
    }

    /** A short description of a modification, e.g. {@code items.add} or {@code self.set}. */
    static String describe(Node modification) {
        if (modification instanceof MethodCallExpr call) {
            return call.getScope().map(s -> shorten(strip(s).toString()) + ".").orElse("") + call.getNameAsString();
        }
        if (modification instanceof MethodReferenceExpr reference) {
            return shorten(reference.getScope().toString()) + "::" + reference.getIdentifier();
        }
        return shorten(modification.toString());
    }

    private boolean learn(Node node) {
        boolean grew = false;
        if (node instanceof VariableDeclarator declarator && declarator.getInitializer().isPresent()) {
            Expression value = declarator.getInitializer().get();
            grew = isUvmObject(declarator.getType()) && !isSelf(value) ? false
                    : record(declarator.getNameAsString(), value);
        } else if (node instanceof AssignExpr assign && assign.getOperator() == AssignExpr.Operator.ASSIGN
                && assign.getTarget() instanceof NameExpr target) {
            grew = record(target.getNameAsString(), assign.getValue());
        } else if (node instanceof ForEachStmt loop && derivesFromState(loop.getIterable())) {
            grew = aliases.add(loop.getVariableDeclarator().getNameAsString());
        } else if (node instanceof InstanceOfExpr test && test.getPattern().isPresent()
                && test.getPattern().get() instanceof TypePatternExpr pattern && !isUvmObject(pattern.getType())) {
            if (derivesFromState(test.getExpression())) {
                grew = aliases.add(pattern.getNameAsString());
            } else if (isSelf(test.getExpression())) {
                grew = selves.add(pattern.getNameAsString());
            }
        } else if (node instanceof LambdaExpr lambda && lambda.getParentNode().orElse(null) instanceof MethodCallExpr call
                && ELEMENT_CALLBACKS.contains(call.getNameAsString()) && call.getScope().isPresent()
                && derivesFromState(call.getScope().get())) {
            for (var parameter : lambda.getParameters()) {
                grew |= aliases.add(parameter.getNameAsString());
            }
        }
        return grew;
    }

    private boolean record(String name, Expression value) {
        if (isSelf(value)) {
            return selves.add(name);
        }
        return derivesFromState(value) && aliases.add(name);
    }

    /**
     * Whether the expression is cast to {@code UvmObject}: another object's handle, whose
     * {@code set}/{@code remove} write its slots directly and need no mark from {@code self}.
     */
    private static boolean isObjectHandle(Expression expression) {
        Expression e = expression;
        while (e instanceof EnclosedExpr enclosed) {
            e = enclosed.getInner();
        }
        return e instanceof CastExpr cast && isUvmObject(cast.getType());
    }

    private static boolean isUvmObject(Type type) {
        return type instanceof ClassOrInterfaceType named
                && (named.getNameWithScope().equals("UvmObject") || named.getNameWithScope().equals("io.batos.object.UvmObject"));
    }

    private static boolean isIncrementOrDecrement(UnaryExpr.Operator operator) {
        return operator == UnaryExpr.Operator.PREFIX_INCREMENT || operator == UnaryExpr.Operator.PREFIX_DECREMENT
                || operator == UnaryExpr.Operator.POSTFIX_INCREMENT || operator == UnaryExpr.Operator.POSTFIX_DECREMENT;
    }

    /**
     * The scope of a method reference as an expression: JavaParser cannot tell {@code items::add}
     * from {@code Type::method} and parses a plain name there as a type.
     */
    static Expression asName(Expression scope) {
        if (scope instanceof TypeExpr type && type.getType() instanceof ClassOrInterfaceType named
                && named.getScope().isEmpty() && named.getTypeArguments().isEmpty()) {
            return new NameExpr(named.getNameAsString());
        }
        return scope;
    }

    /** The expression without parentheses and casts around it. */
    static Expression strip(Expression expression) {
        Expression e = expression;
        while (true) {
            if (e instanceof EnclosedExpr enclosed) {
                e = enclosed.getInner();
            } else if (e instanceof CastExpr cast) {
                e = cast.getExpression();
            } else {
                return e;
            }
        }
    }

    /** The last simple name of a name expression ({@code java.util.Collections} → {@code Collections}), or "". */
    static String lastName(Node expression) {
        if (expression instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (expression instanceof FieldAccessExpr access) {
            return access.getNameAsString();
        }
        return "";
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
    }
}
