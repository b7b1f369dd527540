package dev.workflowguard.rules;

import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlScalar;

/** The first half of every values message: what the effective value is and where it came from. */
final class ValueWords {

    private ValueWords() {}

    static String describe(Value value) {
        return describe(value, false);
    }

    /**
     * "controller.registration_mode is \"enabled\"", "… is not set; chart default for Workflow
     * 2.11.0 is \"enabled\"", "… is deleted by null", and so on.
     *
     * @param secret never show the value itself
     */
    static String describe(Value value, boolean secret) {
        String path = value.path().toString();
        Value.State state = value.state();
        if (state == Value.State.SET) {
            if (value.entry().value() instanceof YamlScalar scalar) {
                return path + " is "
                        + (secret
                                ? (scalar.text().isEmpty() ? "empty" : "set (value not shown)")
                                : scalarWords(scalar));
            }
            return path + " is " + value.entry().value().describeType();
        }
        if (state == Value.State.DELETED) {
            return value.entryPath().equals(value.path())
                    ? path + " is set to null, which deletes the chart default"
                    : value.entryPath() + " is set to null, which deletes " + path + " with it";
        }
        if (state == Value.State.BLOCKED) {
            return value.entryPath() + " is " + value.entry().value().describeType() + ", not a mapping, so " + path
                    + " cannot be set";
        }
        // UNSET
        return value.chartDefault() == null
                ? path + " is not set"
                : path + " is not set; " + value.chartDefault().explanation();
    }

    /** A scalar as the user wrote it, with Helm's reading when the spelling hides it. */
    static String scalarWords(YamlScalar scalar) {
        if (scalar.type() == HelmType.STRING) {
            return scalar.text().isEmpty() ? "empty (\"\")" : "\"" + scalar.text() + "\"";
        }
        if (scalar.type() == HelmType.BOOL && !scalar.text().equals(scalar.rendered())) {
            return scalar.text() + " (Helm reads it as " + scalar.rendered() + ")";
        }
        if (scalar.type() == HelmType.NULL) {
            return "null";
        }
        return scalar.text();
    }
}
