package org.losslab.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.losslab.param.ParamSpec;
import org.losslab.param.Range;

/**
 * What a loss is, for the catalogue, the formula card, experiment files and the CLI: id, name, family, the input
 * names it reads (LOSSES.md conventions), its hyperparameters with defaults and ranges, citation, formula in TeX, a
 * one-sentence intuition and a status tag.
 */
public final class LossSpec {
    private final String id;
    private final String name;
    private final Family family;
    private final List<String> inputs;
    private final List<String> differentiableInputs;
    private final List<String> optionalInputs;
    private final List<ParamSpec> params;
    private final String citation;
    private final String tex;
    private final String intuition;
    private final Status status;
    private final boolean binaryOnly;

    private LossSpec(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.family = b.family;
        this.inputs = List.copyOf(b.inputs);
        this.differentiableInputs = List.copyOf(b.differentiableInputs);
        this.optionalInputs = List.copyOf(b.optionalInputs);
        this.params = List.copyOf(b.params);
        this.citation = b.citation;
        this.tex = b.tex;
        this.intuition = b.intuition;
        this.status = b.status;
        this.binaryOnly = b.binaryOnly;
    }

    public static Builder builder(String id, String name, Family family) {
        return new Builder(id, name, family);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Family family() {
        return family;
    }

    /** Input names, e.g. {@code logits}, {@code labels}. */
    public List<String> inputs() {
        return inputs;
    }

    /** The inputs a gradient flows to (e.g. {@code logits}; never {@code labels}). */
    public List<String> differentiableInputs() {
        return differentiableInputs;
    }

    /**
     * The inputs a loss reads when they are given and does without otherwise (e.g. a second head that falls back
     * to the first); part of {@link #inputs()}.
     */
    public List<String> optionalInputs() {
        return optionalInputs;
    }

    /** {@link #inputs()} without the optional ones: what every evaluation must supply. */
    public List<String> requiredInputs() {
        return inputs.stream().filter(name -> !optionalInputs.contains(name)).toList();
    }

    public List<ParamSpec> params() {
        return params;
    }

    /** Paper title, or "baseline" text for standard losses. */
    public String citation() {
        return citation;
    }

    public String tex() {
        return tex;
    }

    public String intuition() {
        return intuition;
    }

    public Status status() {
        return status;
    }

    /** True for a loss of binary tasks only (two classes, or one logit per example). */
    public boolean binaryOnly() {
        return binaryOnly;
    }

    /** Builder; ids are lower-case kebab case as in LOSSES.md. */
    public static final class Builder {
        private final String id;
        private final String name;
        private final Family family;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> differentiableInputs = new ArrayList<>();
        private final List<String> optionalInputs = new ArrayList<>();
        private final List<ParamSpec> params = new ArrayList<>();
        private String citation = "";
        private String tex = "";
        private String intuition = "";
        private Status status = Status.BASELINE;
        private boolean binaryOnly;

        private Builder(String id, String name, Family family) {
            if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("loss id must be kebab case: " + id);
            }
            this.id = id;
            this.name = Objects.requireNonNull(name);
            this.family = Objects.requireNonNull(family);
        }

        /** An input a gradient flows to. */
        public Builder differentiableInput(String name) {
            inputs.add(name);
            differentiableInputs.add(name);
            return this;
        }

        /** An input without gradient (labels, masks, lengths). */
        public Builder input(String name) {
            inputs.add(name);
            return this;
        }

        /** An input a gradient flows to when it is given; the loss works without it. */
        public Builder optionalDifferentiableInput(String name) {
            optionalInputs.add(name);
            return differentiableInput(name);
        }

        /** An input without gradient that the loss works without. */
        public Builder optionalInput(String name) {
            optionalInputs.add(name);
            return input(name);
        }

        public Builder param(String name, double defaultValue, Range range, String description) {
            params.add(ParamSpec.real(name, defaultValue, range, description));
            return this;
        }

        public Builder param(ParamSpec spec) {
            params.add(spec);
            return this;
        }

        public Builder cite(String citation) {
            this.citation = citation;
            return this;
        }

        public Builder tex(String tex) {
            this.tex = tex;
            return this;
        }

        public Builder intuition(String intuition) {
            this.intuition = intuition;
            return this;
        }

        /** The loss takes a binary task only: two classes, or one logit per example. */
        public Builder binaryOnly() {
            this.binaryOnly = true;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public LossSpec build() {
            if (inputs.isEmpty()) {
                throw new IllegalStateException(id + ": a loss needs at least one input");
            }
            return new LossSpec(this);
        }
    }
}
