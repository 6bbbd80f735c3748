package io.batos.cognition.llm;

/**
 * A model could not be loaded or could not answer; the message is one line that says why, in
 * words the user can act on (which file, which library, which server).
 */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
