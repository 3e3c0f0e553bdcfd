package org.losslab.experiment;

/** An experiment file or spec was refused; the message names the field (e.g. {@code optimizer.learningRate}). */
public final class ExperimentException extends Exception {
    private final String field;

    public ExperimentException(String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    public ExperimentException(String field, String message, Throwable cause) {
        super(field == null || field.isEmpty() ? message : field + ": " + message, cause);
        this.field = field;
    }

    /** The offending field's path, or empty when the problem is the file as a whole. */
    public String field() {
        return field == null ? "" : field;
    }
}
