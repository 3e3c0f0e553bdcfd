package org.losslab.data;

/**
 * Data could not be made, read or accepted. The message names the problem in words a student can act on and, for
 * files, the file and the line, column or byte offset (e.g. {@code scores.csv: line 12 has 5 fields, expected 4}).
 *
 * <p>Unchecked on purpose: a bad file or a bad array is a reason to stop the experiment and show the message, not
 * something each caller in a training loop can repair; the UI and CLI catch it once at the top.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
