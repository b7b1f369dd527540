package dev.workflowguard.rules;

import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.values.ValuesPath;
import java.util.List;

/**
 * Asks the chart, by rendering it again, whether a values key controls a rendered field: what a
 * rule may rely on about a chart it has not read (a fork that exposes `router.replicas`) without
 * guessing from its templates.
 */
@FunctionalInterface
public interface RenderProbe {

    /**
     * True when rendering the chart again with the key changed changes the field.
     *
     * @param key the values key to change
     * @param object a freshly rendered object
     * @param field keys and list indices from the object's root to the field (`spec`, `replicas`)
     */
    boolean controls(ValuesPath key, KubeObject object, List<Object> field);

    /**
     * One question to a probe.
     *
     * @param key the values key to change
     * @param object a freshly rendered object
     * @param field keys and list indices from the object's root to the field
     */
    record Question(ValuesPath key, KubeObject object, List<Object> field) {}

    /**
     * Each question's answer, in order: asked together, so that a probe may answer many keys with one render
     * instead of one render per question.
     */
    default List<Boolean> controlsEach(List<Question> questions) {
        return questions.stream()
                .map(question -> controls(question.key(), question.object(), question.field()))
                .toList();
    }

    /**
     * The first of the keys (in their order) that controls the field, or null: one question for several keys,
     * which a probe may answer with fewer renders than one per key.
     */
    default ValuesPath firstControlling(List<ValuesPath> keys, KubeObject object, List<Object> field) {
        return keys.stream()
                .filter(key -> controls(key, object, field))
                .findFirst()
                .orElse(null);
    }
}
