package io.batos.code;

/**
 * Ends a method that ran past its time budget or nested too deeply.
 *
 * <p>An {@link Error}, not an exception, so that a method's {@code catch (RuntimeException e)}
 * cannot swallow it (the sandbox refuses {@code catch (Throwable|Error)}); and the budget stays
 * expired, so every later check throws again until the top-level send has unwound.
 */
public final class RunawayMethodError extends Error {
    RunawayMethodError(String message) {
        super(message, null, false, false);
    }
}
