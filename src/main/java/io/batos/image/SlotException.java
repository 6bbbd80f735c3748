package io.batos.image;

/**
 * A commit refused because of one slot of one object, which it names so the author can act.
 */
public abstract class SlotException extends ImageException {
    private final long oid;
    private final String slot;

    protected SlotException(Code code, String message, long oid, String slot) {
        super(code, message);
        this.oid = oid;
        this.slot = slot;
    }

    /** The object whose slot it is. */
    public long oid() {
        return oid;
    }

    /** The slot's name. */
    public String slot() {
        return slot;
    }
}
