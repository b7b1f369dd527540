package dev.workflowguard.rules;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;

/**
 * What `workflow:fix` writes for a rule: a values key, or a field of a committed rendered object,
 * the value written, and when.
 *
 * @param key the values key written, or null for an edit of a committed object
 * @param object the committed objects edited, or null
 * @param field the field of the object edited, or null
 * @param value the value written, as the docs say it
 * @param when the condition under which it is written, or "" for always
 */
public record RuleFix(ValuesKey key, ObjectMatch object, ObjectField field, String value, String when) {

    public static RuleFix values(ValuesKey key, String value) {
        return new RuleFix(key, null, null, value, "");
    }

    /** An edit of committed manifests, made only with `-Dworkflow.fix.manifests=true`. */
    public static RuleFix manifest(ObjectMatch object, ObjectField field, String value) {
        return new RuleFix(null, object, field, value, "with `-Dworkflow.fix.manifests=true`");
    }

    public RuleFix when(String condition) {
        return new RuleFix(key, object, field, value, condition);
    }

    /** "`controller.registration_mode`", "Deployment `deis-router`: `spec.replicas`". */
    public String target() {
        return key != null ? "`" + key + "`" : object.describe() + ": " + field.label();
    }
}
