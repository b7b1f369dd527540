package dev.workflowguard.rules;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import java.util.Arrays;

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
}
