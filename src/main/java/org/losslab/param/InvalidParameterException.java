package org.losslab.param;

/** A hyperparameter value was refused; the message names the owner, the parameter, the value and the rule. */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String owner;
    private final String parameter;

    public InvalidParameterException(String owner, String parameter, String value, String rule) {
        super(owner + ": parameter '" + parameter + "' = " + value + " " + rule);
        this.owner = owner;
        this.parameter = parameter;
    }

    public String owner() {
        return owner;
    }

    public String parameter() {
        return parameter;
    }
}
