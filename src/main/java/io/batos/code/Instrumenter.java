package io.batos.code;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import javax.lang.model.element.Modifier;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds where a method needs budget checks: the start of every method body and block lambda, and
 * every loop body (a loop without braces gets them).
 *
 * <p>In instance contexts the check reads the generated class's {@code $budget} field (a field
 * read and an increment); in static contexts — local records, enums, interfaces, static methods —
 * it fetches the thread's budget. The method itself is the first method of the unit's class.
 */
final class Instrumenter extends TreeScanner<Void, Void> {
    static final String FIELD_CHECK = " $budget.tick(); ";
    static final String STATIC_CHECK = " io.batos.code.Budget.current().tick(); ";

    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final List<MethodUnit.Insertion> insertions = new ArrayList<>();
    private final int sourceStart;
    private final Deque<Boolean> staticContext = new ArrayDeque<>();
    private String selector;
    private int depth;

    private Instrumenter(CompilationUnitTree unit, SourcePositions positions, int sourceStart) {
        this.unit = unit;
        this.positions = positions;
        this.sourceStart = sourceStart;
    }

    /**
     * The insertions for {@code unit}, and the selector (the name of the first method written by
     * the author, which starts at or after {@code sourceStart}; the generated header is left alone).
     */
    static Result scan(CompilationUnitTree unit, SourcePositions positions, int sourceStart) {
        Instrumenter instrumenter = new Instrumenter(unit, positions, sourceStart);
        instrumenter.staticContext.push(false);
        instrumenter.scan((Tree) unit, null);
        return new Result(instrumenter.selector, instrumenter.insertions);
    }

    record Result(String selector, List<MethodUnit.Insertion> insertions) {
    }

    private String check() {
        return staticContext.peek() ? STATIC_CHECK : FIELD_CHECK;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
        depth++;
        boolean isStatic = depth > 1 && switch (node.getKind()) {
            case RECORD, ENUM, INTERFACE, ANNOTATION_TYPE -> true;
            default -> node.getModifiers().getFlags().contains(Modifier.STATIC) || staticContext.peek();
        };
        staticContext.push(isStatic);
        try {
            return super.visitClass(node, unused);
        } finally {
            staticContext.pop();
            depth--;
        }
    }

    @Override
    public Void visitMethod(MethodTree node, Void unused) {
        if (positions.getStartPosition(unit, node) < sourceStart) {
            return null;
        }
        if (selector == null && depth == 1) {
            selector = node.getName().toString();
        }
        staticContext.push(staticContext.peek() || node.getModifiers().getFlags().contains(Modifier.STATIC));
        try {
            if (node.getBody() != null) {
                atBlockStart(node.getBody());
            }
            return super.visitMethod(node, unused);
        } finally {
            staticContext.pop();
        }
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        if (node.getBodyKind() == LambdaExpressionTree.BodyKind.STATEMENT) {
            atBlockStart((BlockTree) node.getBody());
        }
        return super.visitLambdaExpression(node, unused);
    }

    @Override
    public Void visitForLoop(ForLoopTree node, Void unused) {
        loopBody(node.getStatement());
        return super.visitForLoop(node, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
        loopBody(node.getStatement());
        return super.visitEnhancedForLoop(node, unused);
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree node, Void unused) {
        loopBody(node.getStatement());
        return super.visitWhileLoop(node, unused);
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
        loopBody(node.getStatement());
        return super.visitDoWhileLoop(node, unused);
    }

    private void atBlockStart(BlockTree block) {
        long start = positions.getStartPosition(unit, block);
        if (start >= 0) {
            insertions.add(new MethodUnit.Insertion((int) start + 1, check()));
        }
    }

    private void loopBody(StatementTree body) {
        if (body.getKind() == Tree.Kind.BLOCK) {
            atBlockStart((BlockTree) body);
            return;
        }
        long start = positions.getStartPosition(unit, body);
        long end = positions.getEndPosition(unit, body);
        if (start >= 0 && end >= start) {
            insertions.add(new MethodUnit.Insertion((int) start, "{" + check()));
            insertions.add(new MethodUnit.Insertion((int) end, " }"));
        }
    }
}
