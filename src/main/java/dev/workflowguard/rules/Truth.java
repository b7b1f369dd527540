package dev.workflowguard.rules;

import java.util.Set;

/**
 * How the components that finally read a setting parse booleans, which is not how YAML does: the
 * router parses annotations with Go's `strconv.ParseBool`, Grafana reads its ini file with go-ini.
 */
final class Truth {

    private static final Set<String> PARSE_BOOL_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> INI_TRUE =
            Set.of("1", "t", "T", "TRUE", "true", "True", "YES", "yes", "Yes", "y", "ON", "on", "On");
    private static final Set<String> INI_FALSE =
            Set.of("0", "f", "F", "FALSE", "false", "False", "NO", "no", "No", "n", "OFF", "off", "Off");

    private Truth() {}

    /** True when the router (Go `strconv.ParseBool`) reads the rendered annotation text as true. */
    static boolean routerTrue(String rendered) {
        return rendered != null && PARSE_BOOL_TRUE.contains(rendered.trim());
    }

    /** True when Grafana reads the rendered text as true. */
    static boolean iniTrue(String rendered) {
        return rendered != null && INI_TRUE.contains(rendered.trim());
    }

    /** True when Grafana reads the rendered text as false. */
    static boolean iniFalse(String rendered) {
        return rendered != null && INI_FALSE.contains(rendered.trim());
    }
}
