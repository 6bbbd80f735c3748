package io.batos.object;

import io.batos.image.ImageException;
import java.util.List;

/**
 * Thrown to the sender when a message could not be answered: no slot was found and the
 * {@code doesNotUnderstand} machinery could not supply one.
 *
 * <p>Until the state machine exists this is what every miss ends in; afterwards it carries the
 * failed cycle's id and findings.
 */
public class DoesNotUnderstandException extends ImageException {
    private final long receiver;
    private final String selector;
    private final List<Object> arguments;
    private String cycleId;
    private List<String> findings = List.of();

    /** A miss that a failed cycle could not answer: its id and every finding travel with it. */
    public DoesNotUnderstandException(Message message, String why, String cycleId, List<String> findings) {
        this(message, why);
        this.cycleId = cycleId;
        this.findings = List.copyOf(findings);
    }

    public DoesNotUnderstandException(Message message, String why) {
        super(Code.NOT_UNDERSTOOD, "@" + message.receiver().oid() + " does not understand '" + message.selector()
                + "'" + (message.arguments().isEmpty() ? "" : " with " + message.arguments().size() + " argument(s)")
                + (why == null || why.isEmpty() ? "" : ": " + why));
        this.receiver = message.receiver().oid();
        this.selector = message.selector();
        this.arguments = List.copyOf(message.arguments().stream().map(String::valueOf).toList());
    }

    public long receiver() {
        return receiver;
    }

    public String selector() {
        return selector;
    }

    /** The id of the cycle that failed to answer, or null when no cycle ran. */
    public String cycleId() {
        return cycleId;
    }

    /** Every finding of the failed cycle and its corrections, oldest first. */
    public List<String> findings() {
        return findings;
    }

    /** The arguments, as text (they need not be persistable). */
    public List<Object> arguments() {
        return arguments;
    }
}
