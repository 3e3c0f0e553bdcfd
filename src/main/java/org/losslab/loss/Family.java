package org.losslab.loss;

/** Which kind of task a loss belongs to; decides the inputs it takes and where the UI offers it. */
public enum Family {
    CLASSIFICATION("Classification"),
    REGRESSION("Regression"),
    METRIC_LEARNING("Metric learning & contrastive"),
    SEGMENTATION("Segmentation & topology"),
    SEQUENCE("Sequence / CTC"),
    DENSITY("Autoencoders & density"),
    TEST_TIME_ADAPTATION("Test-time adaptation");

    private final String displayName;

    Family(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
