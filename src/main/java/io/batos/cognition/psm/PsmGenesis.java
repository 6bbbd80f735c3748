package io.batos.cognition.psm;

import io.batos.image.Primitive;
import io.batos.object.GenesisStep;
import io.batos.object.ObjectSpace;
import io.batos.object.UvmObject;
import java.util.List;
import java.util.Locale;

/**
 * The state machine's genesis steps: 10 seeds the personas and their codex, 11 makes the
 * Prototypal State Machine's states as objects whose {@code processSynthesis} slot names a
 * primitive (which the architect may replace with Java source, like any method).
 */
public final class PsmGenesis {
    /** The states of a cognitive cycle, in the order a successful one passes them. */
    public static final List<String> STATES = List.of("IDLE", "DECOMPOSING", "DELEGATING", "SYNTHESIZING",
            "VALIDATING", "COMPLETE", "FAILED");
    public static final String PSM_SLOT = "psm";
    public static final String PROCESS_SYNTHESIS = "processSynthesis";

    private PsmGenesis() {
    }

    /** The primitive a state's {@code processSynthesis} slot names: {@code psm.decomposing}, … */
    public static String primitiveName(String state) {
        return "psm." + state.toLowerCase(Locale.ROOT);
    }

    public static List<GenesisStep> steps() {
        return List.of(
                new GenesisStep(10, "personas and codex", root -> {
                    UvmObject lobby = root.space().lobby(root.transaction());
                    UvmObject personas = newObject(root);
                    personas.set("comment", "The four personas of the blueprint; each one's codex is data you may edit.");
                    for (String name : Codex.PERSONAS) {
                        UvmObject persona = newObject(root);
                        persona.set("name", name);
                        persona.set(Codex.CODEX_SLOT, Codex.seedEntry(name));
                        personas.set(name, persona);
                    }
                    lobby.set(Codex.PERSONAS_SLOT, personas);
                }),
                new GenesisStep(11, "prototypal state machine", root -> {
                    UvmObject lobby = root.space().lobby(root.transaction());
                    UvmObject psm = newObject(root);
                    psm.set("comment", "The states of a cognitive cycle. A cycle advances by sending processSynthesis"
                            + " to the state in its synthesisState slot.");
                    for (String state : STATES) {
                        UvmObject s = newObject(root);
                        // The states inherit from the machine, so a state rewritten in Java finds
                        // its siblings by name: self.get("SYNTHESIZING").
                        s.setParents(List.of(psm));
                        s.set("name", state);
                        s.set(PROCESS_SYNTHESIS, new Primitive(primitiveName(state)));
                        psm.set(state, s);
                    }
                    lobby.set(PSM_SLOT, psm);
                }));
    }

    private static UvmObject newObject(UvmObject root) {
        ObjectSpace space = root.space();
        return space.object(root.transaction(), root.transaction().create());
    }
}
