package io.batos.guardian;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import io.batos.code.Finding;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rule {@code sync}: no {@code synchronized} blocks or methods, no {@code wait}, {@code notify},
 * {@code notifyAll}, no locks, latches or semaphores.
 *
 * <p>Why: a method runs inside one transaction under a deadline, on whatever thread sent the
 * message; isolation comes from the transaction, not from monitors. A monitor shared with the kernel
 * (every interned string, every boxed small number is one) could stall it, and waiting cannot be
 * interrupted by the method's deadline in a way that leaves the kernel sound.
 *
 * <p>Contract: one error per {@code synchronized} statement or modifier (the method's own or a
 * local class's), per call or method reference named {@code wait} (up to two arguments),
 * {@code notify} or {@code notifyAll} (none), and per mention of a locking type
 * ({@link ForbiddenNames}, in imports too).
 */
final class SyncRule implements Rule {

    /** The rule id. */
    static final String ID = "sync";

    private static final Set<String> MONITOR_CALLS = Set.of("wait", "notify", "notifyAll");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void check(ParsedSource source, Consumer<Finding> findings) {
        ForbiddenNames.importsOf(source, ID, (header, match) -> findings.accept(Finding.error(ID, "'import "
                + header.name() + "' brings in one of the " + match.reason()
                + ": a method runs in one transaction and must not block or lock", header.line(), header.column())));
        for (NameUses.Use use : source.nameUses()) {
            ForbiddenNames.classify(use.name()).filter(m -> m.rule().equals(ID)).ifPresent(match ->
                    findings.accept(source.error(ID, "'" + use.name() + "' is one of the " + match.reason()
                            + ": a method runs in one transaction and must not block or lock", use.node())));
        }
        source.walk(node -> {
            if (node instanceof SynchronizedStmt block) {
                findings.accept(source.error(ID, "'synchronized' blocks have no place in a method: the transaction "
                        + "isolates it, and a shared monitor could stall the kernel", block));
            } else if (node instanceof MethodDeclaration method) {
                for (Modifier modifier : method.getModifiers()) {
                    if (modifier.getKeyword() == Modifier.Keyword.SYNCHRONIZED) {
                        findings.accept(source.error(ID, "'synchronized' methods have no place here: the "
                                + "transaction isolates the method", modifier));
                    }
                }
            } else if (node instanceof MethodCallExpr call && isMonitorCall(call)) {
                findings.accept(source.error(ID, "'" + call.getNameAsString() + "(…)' waits on or signals a monitor; "
                        + "a method must not block or coordinate threads", call));
            } else if (node instanceof MethodReferenceExpr reference
                    && MONITOR_CALLS.contains(reference.getIdentifier())) {
                findings.accept(source.error(ID, "'::" + reference.getIdentifier() + "' waits on or signals a "
                        + "monitor; a method must not block or coordinate threads", reference));
            }
        });
    }

    private static boolean isMonitorCall(MethodCallExpr call) {
        String name = call.getNameAsString();
        int arguments = call.getArguments().size();
        return name.equals("wait") ? arguments <= 2 : MONITOR_CALLS.contains(name) && arguments == 0;
    }
}
