package io.batos.guardian;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import io.batos.code.Finding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rule {@code covenant}: a method that changes state runs {@code self.markChanged();} after its last
 * change on every path that ends normally — the Persistence Covenant.
 *
 * <p>Why: a list or map read from a slot is the transaction's private copy; changed in place, the
 * image cannot see it unless the method says so. A method that forgets loses the change at commit
 * ("systemic amnesia"). The blueprint's guardian (BUG-03) looked at only one assignment target; this
 * rule takes its state changes from {@link StateAccess}, which looks at all of them, and then
 * follows every path.
 *
 * <p>How: an abstract interpretation over the method's statements with three states — unreachable,
 * clean, dirty (a change not yet followed by {@code self.markChanged();}, remembering the first such
 * change). Only a statement {@code self.markChanged();} on the method's own path cleans; one inside a
 * lambda or local class does not (nobody knows when it runs). A change inside a lambda or local class
 * counts where the lambda or class is written. Branches join (dirty wins), loops iterate to a fixed
 * point, {@code break}/{@code continue} carry their state to their target, {@code finally} blocks run
 * on every jump that crosses them, and a {@code catch} may be entered after any change in its
 * {@code try}. Every {@code return} (after its expression) and the end of the body, when reachable,
 * must be clean; a thrown exception ends no path normally and needs nothing.
 *
 * <p>Contract: one error per exit that can be reached dirty, placed at the first unmarked change and
 * naming the exit. A method with {@code self.markChanged()} but no change the rule can see gets a
 * warning. Switch expressions are treated as plain expressions (a {@code markChanged} inside one does
 * not count).
 */
final class CovenantRule implements Rule {

    /** The rule id. */
    static final String ID = "covenant";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(ParsedSource source, Consumer<Finding> findings) {
        for (MethodDeclaration method : source.methods()) {
            if (method.getBody().isPresent()) {
                new Paths(source, method, findings).run();
            }
        }
    }

    /** The state of one path: unreachable, clean, or dirty since a change. */
    private record State(int kind, Node witness) {
        static final State UNREACHABLE = new State(0, null);
        static final State CLEAN = new State(1, null);

        static State dirty(Node witness) {
            return new State(2, witness);
        }

        boolean reachable() {
            return kind != 0;
        }

        boolean dirty() {
            return kind == 2;
        }

        State join(State other) {
            if (kind != other.kind) {
                return kind > other.kind ? this : other;
            }
            if (kind == 2 && witness != other.witness) {
                return earlier(witness, other.witness) ? this : other;
            }
            return this;
        }

        boolean same(State other) {
            return kind == other.kind && witness == other.witness;
        }

        private static boolean earlier(Node a, Node b) {
            return a.getBegin().orElseThrow().isBefore(b.getBegin().orElseThrow());
        }
    }

    /** Something a jump can meet on its way out: a loop, a switch, a label, a finally block. */
    private static final class Frame {
        final Statement statement;
        final String label;
        final boolean loop;
        final BlockStmt finallyBlock;
        State breaks = State.UNREACHABLE;
        State continues = State.UNREACHABLE;

        Frame(Statement statement, String label, boolean loop, BlockStmt finallyBlock) {
            this.statement = statement;
            this.label = label;
            this.loop = loop;
            this.finallyBlock = finallyBlock;
        }
    }

    /** The path analysis of one method. */
    private static final class Paths {
        private static final int MAX_ROUNDS = 8;

        private final ParsedSource source;
        private final MethodDeclaration method;
        private final Consumer<Finding> findings;
        private final StateAccess access;
        private final List<Frame> frames = new ArrayList<>();
        /** Exit (return statement or method body) → the earliest unmarked change that reaches it. */
        private final Map<Node, Node> dirtyExits = new IdentityHashMap<>();

        Paths(ParsedSource source, MethodDeclaration method, Consumer<Finding> findings) {
            this.source = source;
            this.method = method;
            this.findings = findings;
            this.access = StateAccess.of(method);
        }

        void run() {
            BlockStmt body = method.getBody().orElseThrow();
            if (access.modifications().isEmpty()) {
                body.findFirst(MethodCallExpr.class, access::isMarkChangedCall).ifPresent(call ->
                        findings.accept(source.warning(ID, "calls self.markChanged() but changes no state the "
                                + "guardian can see; harmless, but is a change missing?", call)));
                return;
            }
            State end = statement(body, State.CLEAN);
            if (end.dirty()) {
                exit(body, end.witness());
            }
            List<Map.Entry<Node, Node>> exits = new ArrayList<>(dirtyExits.entrySet());
            exits.sort((a, b) -> a.getKey().getBegin().orElseThrow().compareTo(b.getKey().getBegin().orElseThrow()));
            for (Map.Entry<Node, Node> exit : exits) {
                Node change = exit.getValue();
                String where = exit.getKey() instanceof ReturnStmt
                        ? "the return at " + source.at(exit.getKey()) + " is not preceded by self.markChanged()"
                        : "the method can end at " + source.atEnd(exit.getKey())
                                + " without self.markChanged() after it";
                findings.accept(source.error(ID, "modifies state (" + StateAccess.describe(change) + " at "
                        + source.at(change) + ") but " + where, change));
            }
        }

        private void exit(Node exit, Node witness) {
            Node known = dirtyExits.get(exit);
            if (known == null || witness.getBegin().orElseThrow().isBefore(known.getBegin().orElseThrow())) {
                dirtyExits.put(exit, witness);
            }
        }

        /** The state after evaluating {@code node} as an expression (or a declaration) from {@code in}. */
        private State effects(Node node, State in) {
            if (!in.reachable() || in.dirty() || node == null) {
                return in;
            }
            Node change = access.firstModificationIn(node);
            return change == null ? in : State.dirty(change);
        }

        private State statement(Statement s, State in) {
            if (!in.reachable()) {
                return in;
            }
            if (s instanceof BlockStmt block) {
                State state = in;
                for (Statement inner : block.getStatements()) {
                    state = statement(inner, state);
                    if (!state.reachable()) {
                        break;
                    }
                }
                return state;
            }
            if (s instanceof ExpressionStmt expression) {
                return access.isMarkChanged(expression) ? State.CLEAN : effects(expression.getExpression(), in);
            }
            if (s instanceof IfStmt branch) {
                State condition = effects(branch.getCondition(), in);
                State then = statement(branch.getThenStmt(), condition);
                State otherwise = branch.getElseStmt().map(e -> statement(e, condition)).orElse(condition);
                return then.join(otherwise);
            }
            if (s instanceof ReturnStmt ret) {
                State state = effects(ret.getExpression().orElse(null), in);
                state = crossFinallies(state, frames.size());
                if (state.dirty()) {
                    exit(ret, state.witness());
                }
                return State.UNREACHABLE;
            }
            if (s instanceof ThrowStmt) {
                return State.UNREACHABLE;
            }
            State looped = loop(s, null, in);
            if (looped != null) {
                return looped;
            }
            if (s instanceof LabeledStmt labeled) {
                return labeled(labeled, in);
            }
            if (s instanceof BreakStmt jump) {
                String label = jump.getLabel().map(l -> l.asString()).orElse(null);
                jump(in, label, false);
                return State.UNREACHABLE;
            }
            if (s instanceof ContinueStmt jump) {
                String label = jump.getLabel().map(l -> l.asString()).orElse(null);
                jump(in, label, true);
                return State.UNREACHABLE;
            }
            if (s instanceof SwitchStmt choice) {
                return switchStatement(choice, in);
            }
            if (s instanceof TryStmt attempt) {
                return tryStatement(attempt, in);
            }
            if (s instanceof SynchronizedStmt block) {
                return statement(block.getBody(), effects(block.getExpression(), in));
            }
            // asserts, local class and record declarations, anything else: its changes happen here
            return effects(s, in);
        }

        /** A loop statement (its label, or null, names its break and continue target); null when {@code s} is no loop. */
        private State loop(Statement s, String label, State in) {
            if (s instanceof WhileStmt loop) {
                return whileLoop(loop, label, in);
            }
            if (s instanceof DoStmt loop) {
                return doLoop(loop, label, in);
            }
            if (s instanceof ForStmt loop) {
                return forLoop(loop, label, in);
            }
            if (s instanceof ForEachStmt loop) {
                return forEachLoop(loop, label, in);
            }
            return null;
        }

        private State labeled(LabeledStmt labeled, State in) {
            String label = labeled.getLabel().asString();
            Statement inner = labeled.getStatement();
            State looped = loop(inner, label, in);
            if (looped != null) {
                return looped;
            }
            Frame frame = push(labeled, label, false, null);
            State out = statement(inner, in);
            pop(frame);
            return out.join(frame.breaks);
        }

        private State whileLoop(WhileStmt loop, String label, State in) {
            Frame frame = push(loop, label, true, null);
            State head = in;
            State afterCondition = in;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                frame.breaks = State.UNREACHABLE;
                frame.continues = State.UNREACHABLE;
                afterCondition = effects(loop.getCondition(), head);
                State bodyEnd = statement(loop.getBody(), afterCondition);
                State next = in.join(bodyEnd).join(frame.continues);
                if (next.same(head)) {
                    break;
                }
                head = next;
            }
            pop(frame);
            State exit = isTrue(loop.getCondition()) ? State.UNREACHABLE : afterCondition;
            return exit.join(frame.breaks);
        }

        private State doLoop(DoStmt loop, String label, State in) {
            Frame frame = push(loop, label, true, null);
            State head = in;
            State afterCondition = State.UNREACHABLE;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                frame.breaks = State.UNREACHABLE;
                frame.continues = State.UNREACHABLE;
                State bodyEnd = statement(loop.getBody(), head);
                afterCondition = effects(loop.getCondition(), bodyEnd.join(frame.continues));
                State next = in.join(isFalse(loop.getCondition()) ? State.UNREACHABLE : afterCondition);
                if (next.same(head)) {
                    break;
                }
                head = next;
            }
            pop(frame);
            State exit = isTrue(loop.getCondition()) ? State.UNREACHABLE : afterCondition;
            return exit.join(frame.breaks);
        }

        private State forLoop(ForStmt loop, String label, State in) {
            State start = in;
            for (Expression init : loop.getInitialization()) {
                start = effects(init, start);
            }
            Frame frame = push(loop, label, true, null);
            State head = start;
            State afterCondition = start;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                frame.breaks = State.UNREACHABLE;
                frame.continues = State.UNREACHABLE;
                afterCondition = loop.getCompare().isPresent() ? effects(loop.getCompare().get(), head) : head;
                State bodyEnd = statement(loop.getBody(), afterCondition);
                State updated = bodyEnd.join(frame.continues);
                for (Expression update : loop.getUpdate()) {
                    updated = effects(update, updated);
                }
                State next = start.join(updated);
                if (next.same(head)) {
                    break;
                }
                head = next;
            }
            pop(frame);
            boolean endless = loop.getCompare().isEmpty() || isTrue(loop.getCompare().get());
            State exit = endless ? State.UNREACHABLE : afterCondition;
            return exit.join(frame.breaks);
        }

        private State forEachLoop(ForEachStmt loop, String label, State in) {
            State start = effects(loop.getIterable(), in);
            Frame frame = push(loop, label, true, null);
            State head = start;
            for (int round = 0; round < MAX_ROUNDS; round++) {
                frame.breaks = State.UNREACHABLE;
                frame.continues = State.UNREACHABLE;
                State bodyEnd = statement(loop.getBody(), head);
                State next = start.join(bodyEnd).join(frame.continues);
                if (next.same(head)) {
                    break;
                }
                head = next;
            }
            pop(frame);
            return head.join(frame.breaks);
        }

        private State switchStatement(SwitchStmt choice, State in) {
            State selected = effects(choice.getSelector(), in);
            Frame frame = push(choice, null, false, null);
            State fallThrough = State.UNREACHABLE;
            boolean hasDefault = false;
            for (SwitchEntry entry : choice.getEntries()) {
                hasDefault |= entry.getLabels().isEmpty() || entry.isDefault();
                State state;
                if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                    state = selected.join(fallThrough);
                } else {
                    state = selected;
                }
                for (Statement inner : entry.getStatements()) {
                    state = statement(inner, state);
                    if (!state.reachable()) {
                        break;
                    }
                }
                if (entry.getType() == SwitchEntry.Type.STATEMENT_GROUP) {
                    fallThrough = state;
                } else {
                    frame.breaks = frame.breaks.join(state);
                }
            }
            pop(frame);
            State out = fallThrough.join(frame.breaks);
            return hasDefault ? out : out.join(selected);
        }

        private State tryStatement(TryStmt attempt, State in) {
            State start = in;
            for (Expression resource : attempt.getResources()) {
                start = effects(resource, start);
            }
            BlockStmt finallyBlock = attempt.getFinallyBlock().orElse(null);
            Frame frame = finallyBlock == null ? null : push(attempt, null, false, finallyBlock);
            State tryEnd = statement(attempt.getTryBlock(), start);
            // an exception may leave the try block after any of its changes
            Node change = access.firstModificationIn(attempt.getTryBlock());
            State thrown = start.dirty() || change == null ? start : State.dirty(change);
            State exceptional = thrown;
            State out = tryEnd;
            for (CatchClause clause : attempt.getCatchClauses()) {
                out = out.join(statement(clause.getBody(), thrown));
                // a catch block may itself throw after a change of its own
                exceptional = effects(clause.getBody(), exceptional);
            }
            if (frame == null) {
                return out;
            }
            pop(frame);
            // the exceptional way through finally: only its own returns matter
            statement(finallyBlock, exceptional.join(out));
            return out.reachable() ? statement(finallyBlock, out) : State.UNREACHABLE;
        }

        /** Carries a break or continue to its target, through the finally blocks on the way. */
        private void jump(State in, String label, boolean isContinue) {
            State state = in;
            for (int i = frames.size() - 1; i >= 0; i--) {
                Frame frame = frames.get(i);
                if (frame.finallyBlock != null) {
                    state = runFinally(i, state);
                    if (!state.reachable()) {
                        return;
                    }
                    continue;
                }
                boolean target = label != null ? label.equals(frame.label)
                        : isContinue ? frame.loop : frame.loop || frame.statement instanceof SwitchStmt;
                if (target) {
                    if (isContinue) {
                        frame.continues = frame.continues.join(state);
                    } else {
                        frame.breaks = frame.breaks.join(state);
                    }
                    return;
                }
            }
        }

        /** The state after the finally blocks of frames below {@code top}, innermost first. */
        private State crossFinallies(State in, int top) {
            State state = in;
            for (int i = top - 1; i >= 0 && state.reachable(); i--) {
                if (frames.get(i).finallyBlock != null) {
                    state = runFinally(i, state);
                }
            }
            return state;
        }

        /** Runs the finally block of frame {@code index} as a jump passes it, with only outer frames around. */
        private State runFinally(int index, State in) {
            List<Frame> above = new ArrayList<>(frames.subList(index, frames.size()));
            frames.subList(index, frames.size()).clear();
            try {
                return statement(above.get(0).finallyBlock, in);
            } finally {
                frames.addAll(above);
            }
        }

        private Frame push(Statement statement, String label, boolean loop, BlockStmt finallyBlock) {
            Frame frame = new Frame(statement, label, loop, finallyBlock);
            frames.add(frame);
            return frame;
        }

        private void pop(Frame frame) {
            Frame top = frames.remove(frames.size() - 1);
            assert top == frame : "frames pop in the order they were pushed";
        }

        private static boolean isTrue(Expression condition) {
            return StateAccess.strip(condition) instanceof BooleanLiteralExpr literal && literal.getValue();
        }

        private static boolean isFalse(Expression condition) {
            return StateAccess.strip(condition) instanceof BooleanLiteralExpr literal && !literal.getValue();
        }
    }
}
