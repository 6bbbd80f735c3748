package io.batos.kernel;

import io.batos.code.MethodRuntime;
import io.batos.code.Verdict;
import io.batos.guardian.PersistenceGuardian;
import io.batos.image.MethodSource;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;

/**
 * Installs a method: the guardian reads it, the compiler and the sandbox check it, and only then is
 * the slot written, in one transaction.
 *
 * <p>A refusal at any step changes nothing and answers every finding so far; the editor, the
 * command line and a self-correcting cycle all show the same verdict. Installing a source again
 * lifts its quarantine (after it ran away once).
 */
public final class MethodInstaller {
    private final ObjectSpace space;
    private final MethodRuntime methods;
    private final PersistenceGuardian guardian;

    public MethodInstaller(ObjectSpace space, MethodRuntime methods, PersistenceGuardian guardian) {
        this.space = space;
        this.methods = methods;
        this.guardian = guardian;
    }

    /**
     * The outcome of an install.
     *
     * @param verdict the guardian's, compiler's and sandbox's findings together
     * @param oid     the object that received the method (0 when refused before resolving)
     * @param txId    the committing transaction, or 0 when refused
     */
    public record Result(Verdict verdict, long oid, long txId) {
        public boolean installed() {
            return txId > 0;
        }
    }

    /** Checks {@code source} as it would be installed under {@code selector}, writing nothing. */
    public Verdict check(String selector, String source) {
        Verdict verdict = guardian.audit(source, selector);
        if (!verdict.accepted()) {
            return verdict;
        }
        return verdict.and(methods.check(source, selector));
    }

    /**
     * Installs {@code source} as {@code selector} on {@code target} (lobby path or {@code @OID}).
     *
     * @param origin what asked (cli, workbench, cycle…), recorded in the log
     */
    public Result install(String target, String selector, String source, String origin) {
        Verdict verdict = check(selector, source);
        if (!verdict.accepted()) {
            return new Result(verdict, 0, 0);
        }
        long[] oid = {0};
        long txId = space.image().inTransaction("install " + target + "." + selector, origin, tx -> {
            UvmObject receiver = Targets.resolve(space, tx, target);
            receiver.set(selector, new MethodSource(source));
            oid[0] = receiver.oid();
            return tx.commit();
        });
        methods.release(source);
        return new Result(verdict, oid[0], txId);
    }
}
