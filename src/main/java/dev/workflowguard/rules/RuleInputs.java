package dev.workflowguard.rules;

import dev.workflowguard.manifests.ManifestSelection;
import dev.workflowguard.manifests.ObjectMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a rule reads and writes, declared once in the rule's class. The manifest reader's selection
 * and pruning ({@link #selection}), the evidence compared when manifest files are checked one by
 * one ({@link ManifestFacts}), the keys provenance tries ({@link Trace}) and the rule's docs page
 * are all built from these declarations: a new rule is its class and its line in {@link RuleCatalogue}
 * (or, for a tool or a test, a rule passed with the check request), nothing else.
 *
 * @param values the values keys read, with the releases that have them
 * @param objects the rendered objects read, with the fields read of them
 * @param evidence what the rule looks for anywhere among the rendered objects
 * @param trace how a place on the chart's render is traced back to a values key
 * @param fixes what `workflow:fix` writes
 * @param everyMapping whether the rule reads every mapping of every values file and manifest document
 *     (repeated keys are found before any object is selected)
 */
public record RuleInputs(
        List<ValuesKey> values,
        List<ObjectMatch> objects,
        List<Evidence> evidence,
        Trace trace,
        List<RuleFix> fixes,
        boolean everyMapping) {

    public RuleInputs {
        values = List.copyOf(values);
        objects = List.copyOf(objects);
        evidence = List.copyOf(evidence);
        fixes = List.copyOf(fixes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The objects the manifest reader keeps for these rules, and the fields it keeps of them. */
    public static ManifestSelection selection(Collection<? extends Rule> rules) {
        return ManifestSelection.of(
                rules.stream().flatMap(rule -> rule.inputs().objects().stream()).toList());
    }

    public static final class Builder {
        private final List<ValuesKey> values = new ArrayList<>();
        private final List<ObjectMatch> objects = new ArrayList<>();
        private final List<Evidence> evidence = new ArrayList<>();
        private Trace trace = Trace.NONE;
        private final List<RuleFix> fixes = new ArrayList<>();
        private boolean everyMapping;

        private Builder() {}

        public Builder values(ValuesKey... keys) {
            return values(List.of(keys));
        }

        public Builder values(Collection<ValuesKey> keys) {
            values.addAll(keys);
            return this;
        }

        public Builder objects(ObjectMatch... matches) {
            objects.addAll(List.of(matches));
            return this;
        }

        public Builder evidence(Evidence... shown) {
            evidence.addAll(List.of(shown));
            return this;
        }

        public Builder trace(Trace how) {
            this.trace = how;
            return this;
        }

        public Builder fixes(RuleFix... writes) {
            fixes.addAll(List.of(writes));
            return this;
        }

        public Builder everyMapping() {
            this.everyMapping = true;
            return this;
        }

        public RuleInputs build() {
            return new RuleInputs(values, objects, evidence, trace, fixes, everyMapping);
        }
    }
}
