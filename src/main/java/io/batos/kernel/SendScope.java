package io.batos.kernel;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the caller of a send allows the cycles it may start: whether they are approved up front
 * ({@code --approve}, ZMQ {@code "approve": true}), and whether the caller can show a verdict queue
 * (the workbench can; the command line cannot, so under the policy {@code always} it refuses
 * before a cycle starts) — and who wants to know which cycles it started.
 *
 * @param preApproved the cycles this send starts, corrections included, need no further approval
 * @param canPark     a cycle may wait in the verdict queue for the architect
 * @param onCycle     told the id of each cycle a send under this scope starts (or joins, when the
 *                    same selector is already being taught), on the sending thread, before the send
 *                    waits for it — the workbench opens it in its monitor; must return quickly
 */
public record SendScope(boolean preApproved, boolean canPark, Consumer<String> onCycle) {
    /** A caller that approves nothing and cannot show a queue: the command line without --approve. */
    public static final SendScope STRICT = new SendScope(false, false);

    private static final Consumer<String> NOBODY = cycleId -> { };
    private static final ThreadLocal<SendScope> CURRENT = ThreadLocal.withInitial(() -> STRICT);

    public SendScope {
        onCycle = onCycle == null ? NOBODY : onCycle;
    }

    /** A scope whose cycles nobody watches by id. */
    public SendScope(boolean preApproved, boolean canPark) {
        this(preApproved, canPark, NOBODY);
    }

    /** The scope of the send running on this thread. */
    public static SendScope current() {
        return CURRENT.get();
    }

    /** Runs {@code work} (a send) on this thread under this scope. */
    public <T> T run(Supplier<T> work) {
        SendScope previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }
}
