package io.batos.cognition.psm;

import java.time.Instant;

/**
 * One question a persona put to the model during a cycle, and the raw answer: what the PSM
 * monitor shows as "prompts and responses".
 *
 * <p>Kept on the {@link CognitiveCycle} handle, not in the image: the audit log already records the
 * artifact's prompt and answer ({@code ARTIFACT_GENERATED}), and the rest is a view of a thought in
 * progress, gone with the process.
 *
 * @param state    the state that asked (DECOMPOSING, DELEGATING, SYNTHESIZING)
 * @param persona  who asked (BRICK, BABS, ALFRED, ROBIN)
 * @param prompt   the user turn sent (the persona's system prompt is the codex's)
 * @param response the model's raw answer; null while it is being written or when the call failed
 * @param asked    when the question was put
 */
public record PersonaExchange(String state, String persona, String prompt, String response, Instant asked) {

    /** This exchange with its answer. */
    PersonaExchange answered(String text) {
        return new PersonaExchange(state, persona, prompt, text, asked);
    }
}
