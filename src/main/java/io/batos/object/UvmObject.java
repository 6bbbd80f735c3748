package io.batos.object;

import io.batos.image.ImageException;
import io.batos.image.LivingImage;
import io.batos.image.MethodSource;
import io.batos.image.ObjectRef;
import io.batos.image.Primitive;
import io.batos.image.Transaction;
import io.batos.image.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A prototype object, seen through one transaction: slots, parents, and messages.
 *
 * <pre>{@code
 * UvmObject account = lobby.get("account") ...;
 * UvmObject mine = account.clone();          // a new object whose parent is account
 * mine.set("balance", 100);                  // stored as 100L, on mine only
 * mine.send("balance");                      // 100: a data slot answers its value
 * mine.send("deposit", 50);                  // a method slot runs with self = mine
 * }</pre>
 *
 * <p>I am a handle, not the object: two handles on the same oid in the same transaction see the
 * same state. Lookup is own slots, then parents depth-first in order; a miss sends
 * {@code doesNotUnderstand}. Slots named {@code _v_…} are volatile: any Java object, never
 * persisted, gone after reopen. A method that changes a list or map in place must end with
 * {@link #markChanged()} — the Persistence Covenant, which commit enforces.
 */
public final class UvmObject {
    private final ObjectSpace space;
    private final Transaction tx;
    private final long oid;

    UvmObject(ObjectSpace space, Transaction tx, long oid) {
        this.space = space;
        this.tx = tx;
        this.oid = oid;
    }

    /** This object's id in the image. */
    public long oid() {
        return oid;
    }

    /** A persistable reference to this object, for storing in a slot. */
    public ObjectRef ref() {
        return new ObjectRef(oid);
    }

    /** The transaction this handle reads and writes through. */
    public Transaction transaction() {
        return tx;
    }

    public ObjectSpace space() {
        return space;
    }

    /**
     * The slot's value as found by lookup (own slots, then parents), or null when nobody has it.
     * A list or map is this transaction's private copy; change it, then {@link #markChanged()}.
     */
    public Object get(String slot) {
        if (Values.isVolatile(slot)) {
            return space.volatiles().get(oid, slot);
        }
        long holder = space.lookup(tx, oid, slot);
        return holder == ObjectSpace.NOT_FOUND ? null : tx.read(holder, slot, oid);
    }

    /** Where lookup finds {@code slot}: the holder, or empty. */
    public Optional<UvmObject> holderOf(String slot) {
        long holder = space.lookup(tx, oid, slot);
        return holder == ObjectSpace.NOT_FOUND ? Optional.empty() : Optional.of(new UvmObject(space, tx, holder));
    }

    /** Answers whether this object has the slot itself (not through parents). */
    public boolean hasOwn(String slot) {
        if (Values.isVolatile(slot)) {
            return space.volatiles().get(oid, slot) != null;
        }
        return tx.has(oid, slot);
    }

    /**
     * Sets a slot on this object (never on a parent). An {@link UvmObject} value is stored as a
     * reference.
     *
     * @throws io.batos.image.NotPersistableException for runtime objects outside {@code _v_} slots
     */
    public UvmObject set(String slot, Object value) {
        if (Values.isVolatile(slot)) {
            space.volatiles().set(oid, slot, value);
        } else {
            tx.set(oid, slot, refs(value));
        }
        return this;
    }

    /** Removes an own slot; answers whether it was there. */
    public boolean remove(String slot) {
        if (Values.isVolatile(slot)) {
            return space.volatiles().remove(oid, slot);
        }
        return tx.remove(oid, slot);
    }

    /**
     * Declares that lists or maps read through this object (its own, or inherited ones, whose
     * holder is then written) were changed in place.
     */
    public void markChanged() {
        tx.markChanged(oid);
    }

    /** The own, persistent slot names in the order they were added. */
    public List<String> slotNames() {
        return tx.slotNames(oid);
    }

    /** The own volatile slot names. */
    public List<String> volatileSlotNames() {
        return List.copyOf(space.volatiles().names(oid));
    }

    /** The parents, in lookup order. */
    public List<UvmObject> parents() {
        List<UvmObject> parents = new ArrayList<>();
        for (long parent : ObjectSpace.parentOids(tx, oid)) {
            parents.add(new UvmObject(space, tx, parent));
        }
        return parents;
    }

    /** Replaces the parents; each must exist. */
    public UvmObject setParents(List<?> parents) {
        List<ObjectRef> refs = new ArrayList<>(parents.size());
        for (Object parent : parents) {
            ObjectRef ref = parent instanceof UvmObject object ? object.ref()
                    : parent instanceof ObjectRef r ? r : null;
            if (ref == null) {
                throw new ImageException(ImageException.Code.USAGE, "a parent must be an object, not "
                        + (parent == null ? "null" : parent.getClass().getSimpleName()));
            }
            if (!tx.exists(ref.oid())) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "no object " + ref);
            }
            refs.add(ref);
        }
        tx.set(oid, LivingImage.PARENTS_SLOT, refs);
        return this;
    }

    /** Io-style clone: a new, empty object whose only parent is this one. */
    public UvmObject clone() {
        long child = tx.create();
        tx.set(child, LivingImage.PARENTS_SLOT, List.of(ref()));
        return new UvmObject(space, tx, child);
    }

    /** A handle on another object of this transaction, by reference. */
    public UvmObject resolve(ObjectRef ref) {
        return space.object(tx, ref.oid());
    }

    /**
     * Sends a message: a data slot answers its value, a method slot runs with {@code self} = this
     * object, and a miss sends {@code doesNotUnderstand}.
     *
     * @throws DoesNotUnderstandException when nothing could answer
     */
    public Object send(String selector, Object... args) {
        Object[] arguments = args == null ? new Object[0] : args;
        long holder = space.lookup(tx, oid, selector);
        if (holder == ObjectSpace.NOT_FOUND) {
            return doesNotUnderstand(new Message(this, selector, Arrays.asList(arguments)));
        }
        Object value = tx.read(holder, selector, oid);
        if (value instanceof MethodSource || value instanceof Primitive) {
            return space.methodInvoker().invoke(this, selector, value, arguments);
        }
        if (arguments.length > 0) {
            throw new ImageException(ImageException.Code.USAGE, "'" + selector + "' of @" + holder
                    + " is a data slot, not a method: use set to change it");
        }
        return value;
    }

    private Object doesNotUnderstand(Message message) {
        long handler = space.lookup(tx, oid, ObjectSpace.DOES_NOT_UNDERSTAND);
        if (handler != ObjectSpace.NOT_FOUND) {
            Object method = tx.peek(handler, ObjectSpace.DOES_NOT_UNDERSTAND);
            if (method instanceof MethodSource || method instanceof Primitive) {
                return space.methodInvoker().invoke(this, ObjectSpace.DOES_NOT_UNDERSTAND, method,
                        new Object[] {message});
            }
        }
        return space.doesNotUnderstandHandler().doesNotUnderstand(message);
    }

    private static Object refs(Object value) {
        if (value instanceof UvmObject object) {
            return object.ref();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(refs(element));
            }
            return copy;
        }
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, refs(v)));
            return copy;
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UvmObject object && object.oid == oid && object.tx == tx;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(oid);
    }

    @Override
    public String toString() {
        return "@" + oid;
    }
}
