package dev.workflowguard.rules;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.ReleaseFacts;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.release.WorkflowVersion;
import dev.workflowguard.values.EffectiveValues;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the Grafana rules share: whether Grafana runs in the cluster, its values keys and its Deployment. */
final class Grafana {

    static final ValuesKey LOCATION = ValuesKey.of("global.grafana_location");
    /** The key and the `ALLOW_SIGN_UP` variable it renders exist from Workflow 2.14 (monitor chart 2.9.0). */
    static final ValuesKey SIGN_UP =
            ValuesKey.of("monitor.grafana.allow_sign_up").since("2.14");

    static final ValuesKey PASSWORD = ValuesKey.of("monitor.grafana.password");
    static final String DEPLOYMENT = "deis-monitor-grafana";
    static final String SIGN_UP_VARIABLE = "ALLOW_SIGN_UP";
    static final String PASSWORD_VARIABLE = "DEFAULT_USER_PASSWORD";

    /** The release table's name for Grafana's rendered Deployment. */
    static final String RENDERED_OBJECT = "Deployment/" + DEPLOYMENT;

    /** What closes sign-ups where no values key does (before 2.14); `helm upgrade` renders the variable away again. */
    static final String SET_ENV_REMEDY = "run `kubectl --namespace=deis set env deployment/" + DEPLOYMENT + " "
            + SIGN_UP_VARIABLE + "=false` after every install and upgrade, since the next helm upgrade undoes it, "
            + "or upgrade to Workflow " + SIGN_UP.since().display() + " or later";

    private Grafana() {}

    /** True when Grafana runs in the cluster (its rules do not apply to an off-cluster Grafana). */
    static boolean onCluster(EffectiveValues values) {
        return !"off-cluster".equals(values.get(LOCATION.path()).text());
    }

    /** Grafana's Deployment, reading these environment variables. */
    static ObjectMatch deployment(String... variables) {
        return ObjectMatch.named("Deployment", DEPLOYMENT)
                .reading(Arrays.stream(variables).map(ObjectField::env).toArray(ObjectField[]::new));
    }

    /**
     * What Workflow's Grafana image does with a variable its Deployment leaves out, as the release table read it
     * from the image's grafana.ini template (`allow_sign_up = {{ default "true" .ALLOW_SIGN_UP }}`).
     *
     * @param value the default the image applies
     * @param source whose image it is, for the message ("the Grafana image of Deis Workflow v2.11.0")
     */
    record ImageDefault(String value, String source) {}

    /**
     * The image default of a variable: the one the table read for the release (the nearest lower one for a version
     * between releases) when that release's template leaves the variable out. Otherwise, for an unset version, one
     * the table does not have, or a release whose template sets the variable (a committed render edited by hand),
     * the default every release of the table agrees on: the image's own config template is not the chart's, and in
     * the table every release that leaves `ALLOW_SIGN_UP` out (Deis v2.0.0 – v2.13.0) has an image defaulting it to
     * "true", so that default is a fact of the image whatever the version. Empty when the table reads no default
     * for the variable, or when releases disagree: then nothing is assumed about the image.
     */
    static Optional<ImageDefault> imageDefault(WorkflowReleases table, WorkflowVersion version, String variable) {
        Optional<ReleaseFacts> release = table.lookup(version).map(WorkflowReleases.ReleaseMatch::facts);
        Optional<String> own = release.flatMap(facts -> defaultIn(facts, variable));
        if (own.isPresent()) {
            return Optional.of(new ImageDefault(
                    own.get(), "the Grafana image of " + release.get().title()));
        }
        Set<String> all = table.releases().stream()
                .map(facts -> defaultIn(facts, variable).orElse(null))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return all.size() == 1
                ? Optional.of(new ImageDefault(
                        all.iterator().next(), "the Grafana image of every Workflow release that leaves it out"))
                : Optional.empty();
    }

    private static Optional<String> defaultIn(ReleaseFacts facts, String variable) {
        return facts.renderedObject(RENDERED_OBJECT)
                .map(object -> object.imageDefaults().get(variable));
    }
}
