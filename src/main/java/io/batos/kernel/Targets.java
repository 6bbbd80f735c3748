package io.batos.kernel;

import io.batos.image.ImageException;
import io.batos.image.ObjectRef;
import io.batos.image.Transaction;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;

/**
 * Resolves the TARGET syntax every client shares: {@code lobby}, a dotted path of slots from it
 * ({@code lobby.accounts.main}), or {@code @OID}.
 *
 * <p>Path steps use lookup, so a slot inherited from a parent works as a step too; every failure
 * names the step that failed.
 */
public final class Targets {
    private Targets() {
    }

    public static UvmObject resolve(ObjectSpace space, Transaction tx, String target) {
        if (target == null || target.isBlank()) {
            throw new ImageException(ImageException.Code.USAGE, "empty target (use lobby, lobby.path.to.object or @OID)");
        }
        if (target.startsWith("@")) {
            long oid;
            try {
                oid = Long.parseLong(target.substring(1));
            } catch (NumberFormatException e) {
                throw new ImageException(ImageException.Code.USAGE, "bad target " + target + " (an oid is @ and digits)");
            }
            return space.object(tx, oid);
        }
        String[] steps = target.split("\\.", -1);
        if (!steps[0].equals("lobby")) {
            throw new ImageException(ImageException.Code.USAGE, "bad target " + target
                    + " (start at lobby, e.g. lobby.accounts, or use @OID)");
        }
        UvmObject current = space.lobby(tx);
        StringBuilder path = new StringBuilder("lobby");
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            if (step.isEmpty()) {
                throw new ImageException(ImageException.Code.USAGE, "bad target " + target + " (empty step)");
            }
            if (current.holderOf(step).isEmpty()) {
                throw new ImageException(ImageException.Code.NOT_FOUND, "no slot '" + step + "' in " + path);
            }
            Object value = current.get(step);
            if (!(value instanceof ObjectRef ref)) {
                throw new ImageException(ImageException.Code.NOT_FOUND, path + "." + step + " is not an object (it holds "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + ")");
            }
            current = space.object(tx, ref.oid());
            path.append('.').append(step);
        }
        return current;
    }
}
