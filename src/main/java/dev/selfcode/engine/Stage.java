package dev.selfcode.engine;

/** The named stages of one patch job, in order: the table of contents of {@link SelfCodingEngine}. */
public enum Stage {

    CHECKOUT("check out"), CONTEXT("gather context"), GENERATE("generate"), GUARD("guard"), APPLY("apply"), EVALUATE(
            "evaluate"), PREDICT("predict"), DECIDE("decide"), RECORD("record"), PUBLISH("publish");

    public final String label;

    Stage(String label) {
        this.label = label;
    }
}
