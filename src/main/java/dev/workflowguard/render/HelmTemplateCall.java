package dev.workflowguard.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * The one class that touches helm-java. It takes and returns JDK types only, because it is defined by
 * the class loader that sees the helm-java jars ({@link HelmBinding}), not by the plugin's own.
 */
public final class HelmTemplateCall {

    private HelmTemplateCall() {}

    /**
     * `helm template`: sets are applied in order, each as {key, value}.
     *
     * @return the rendered stream
     */
    public static String template(
            Path chart, String releaseName, String namespace, List<Path> valuesFiles, List<String[]> sets) {
        TemplateCommand template =
                new Helm(chart).template().withName(releaseName).withNamespace(namespace);
        for (Path file : valuesFiles) {
            template.withValuesFile(file);
        }
        for (String[] set : sets) {
            template.set(set[0], set[1]);
        }
        return template.call();
    }
}
