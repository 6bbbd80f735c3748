package io.batos.image;

/**
 * A persistable reference to another object of the same image, by oid.
 *
 * <p>Slots never hold live handles: a reference is resolved in the reading transaction, so the
 * object it names is always seen as of that transaction's snapshot.
 *
 * @param oid the referenced object's id
 */
public record ObjectRef(long oid) {
    @Override
    public String toString() {
        return "@" + oid;
    }
}
