package org.losslab.loss;

/** How sure the catalogue is of a formula (LOSSES.md status tags). */
public enum Status {
    /** A standard loss no seed paper introduces; a comparator. */
    BASELINE("baseline"),
    /** Read from official or clearly derived code. */
    CODE("from code"),
    /** From the paper; not checked against code. */
    PAPER("from the paper"),
    /** Partly reconstructed; labelled "as reconstructed" in the formula card. */
    UNCERTAIN("as reconstructed");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
