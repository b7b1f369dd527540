package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a rendered object that some rule reads, with where it is written. Two renders of
 * the same object that differ in these fields differ in what the checks would say.
 *
 * @param value the field's text
 * @param location where the field is written
 */
record RenderedFact(String value, Location location) {

    /** The facts of an object, keyed by a readable field name ("env REGISTRATION_MODE", "spec.replicas"…). */
    static Map<String, RenderedFact> of(KubeObject object) {
        Map<String, RenderedFact> facts = new LinkedHashMap<>();
        YamlMap annotations = object.annotations();
        if (annotations != null) {
            for (YamlEntry entry : annotations.entries()) {
                String key = entry.name();
                if (key.startsWith("router.deis.io/")
                        || key.startsWith("service.beta.kubernetes.io/")
                        || key.equals(Storage.BACKEND_ANNOTATION)) {
                    facts.put("annotation " + key, fact(entry, object));
                }
            }
        }
        if (object.is("Deployment", Router.DEPLOYMENT)) {
            YamlEntry replicas = object.entryAt("spec", "replicas");
            facts.put(
                    "spec.replicas",
                    replicas == null ? new RenderedFact("1", object.location()) : fact(replicas, object));
        }
        for (String variable : List.of(Controller.MODE_VARIABLE, Grafana.SIGN_UP_VARIABLE)) {
            for (KubeObject.EnvValue env : object.env(variable)) {
                facts.put("env " + variable, fact(env.entry(), object));
            }
        }
        if (object.isWorkload()) {
            for (YamlMap container : object.containers()) {
                YamlEntry image = container.entry("image");
                String name = container.get("name") instanceof YamlScalar n ? n.text() : "?";
                if (image != null) {
                    facts.put("image of container " + name, fact(image, object));
                }
                if (container.get("ports") instanceof YamlList ports) {
                    for (YamlNode port : ports.items()) {
                        if (port instanceof YamlMap map && map.entry("hostPort") != null) {
                            facts.put(
                                    "hostPort " + text(map.get("hostPort")) + " of container " + name,
                                    fact(map.entry("hostPort"), object));
                        }
                    }
                }
            }
        }
        return facts;
    }

    private static RenderedFact fact(YamlEntry entry, KubeObject object) {
        return new RenderedFact(text(entry.value()), object.locationOf(entry));
    }

    private static String text(YamlNode node) {
        return node instanceof YamlScalar scalar ? scalar.text() : String.valueOf(node);
    }
}
