package io.batos.image;

/**
 * Thrown when a slot is given a value the image cannot persist, before anything is written.
 *
 * <p>Runtime machinery (threads, sockets, locks, model sessions) belongs in a volatile {@code _v_}
 * slot or in the vessel, never in the image: the blueprint's VULN-01 is fixed by type, at the
 * moment of {@code set}, not by convention at commit.
 */
public final class NotPersistableException extends ImageException {
    private final String slot;
    private final String type;

    public NotPersistableException(String slot, String path, Class<?> type) {
        super(Code.USAGE, "slot '" + slot + "' cannot hold a " + type.getName()
                + (path.isEmpty() ? "" : " (at " + path + ")")
                + ": only null, booleans, numbers, strings, BigDecimal, byte[], lists, maps with string keys, "
                + "object references, methods, primitives and blobs persist; keep runtime objects in a _v_ slot");
        this.slot = slot;
        this.type = type.getName();
    }

    /** The slot that was being set. */
    public String slot() {
        return slot;
    }

    /** The offending value's class name. */
    public String type() {
        return type;
    }
}
