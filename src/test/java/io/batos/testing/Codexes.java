package io.batos.testing;

import io.batos.image.ObjectRef;
import io.batos.kernel.Vessel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Edits ALFRED's codex the way an architect would, for tests that need another policy. */
public final class Codexes {
    private Codexes() {
    }

    /** Sets one key of ALFRED's codex map in a transaction of its own. */
    public static void setAlfred(Vessel vessel, String key, Object value) {
        vessel.image().inTransaction("codex: " + key + " = " + value, tx -> {
            long personas = ((ObjectRef) tx.peek(vessel.space().lobby(tx).oid(), "personas")).oid();
            long alfred = ((ObjectRef) tx.peek(personas, "ALFRED")).oid();
            Map<String, Object> codex = new LinkedHashMap<>();
            ((Map<?, ?>) tx.peek(alfred, "codex")).forEach((k, v) -> codex.put(String.valueOf(k), v));
            codex.put(key, value);
            tx.set(alfred, "codex", codex);
            return null;
        });
    }
}
