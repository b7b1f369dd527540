package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.SetValues;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * `committed-secret`: a credential is written into a committed file. Checked per file, not on the
 * merged values: the secret is in the repository's history wherever a later file overrides it.
 * The value itself never appears in any message.
 */
public final class CommittedSecretRule implements Rule {

    static final String ID = "committed-secret";
    /** Credential paths; `*` matches any one key. */
    private static final List<String> CREDENTIAL_PATHS = List.of(
            "s3.accesskey",
            "s3.secretkey",
            "azure.accountkey",
            "gcs.key_json",
            "swift.password",
            "database.password",
            "database.postgres.password",
            "redis.password",
            Grafana.PASSWORD.text(),
            "monitor.influxdb.password",
            "registry-token-refresher.*.password",
            "registry-token-refresher.*.secretkey");
    /** Values that stand for a secret injected later rather than being one. */
    private static final Pattern REFERENCE =
            Pattern.compile("(?s)\\s*(\\$\\{.*}|\\{\\{.*}}|ref\\+.*|vault:.*|<[^<>]*>|secretref:.*|ENC\\[.*])\\s*");
    /** Descriptive stand-ins the stock chart ships ("database password", "redis password", "password"). */
    private static final Pattern STAND_IN = Pattern.compile(
            "(?i)\\s*(password|secret|changeme|change-me|changeit|[a-z]+( [a-z]+)* (password|secret|key))\\s*");

    private static final String REMEDY = "anyone with read access to the repository has it; rotate it and inject it "
            + "at deploy time (--set from a CI secret, or an external secret store)";

    /** For a values key: the same, and how the build then sees the value it no longer reads from the file. */
    private static String remedy(String path) {
        return "anyone with read access to the repository has it; rotate it, remove it from the file and take it from "
                + "a CI secret (or an external secret store): " + SecretFromCi.remedy(path);
    }

    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.WARNING,
            "no",
            "A credential (storage keys, database/Grafana/InfluxDB/Redis passwords) is committed in a values file "
                    + "or as literal stringData.",
            "Security considerations: credentials belong in a secret store, not in git history. The value is never "
                    + "printed.",
            true,
            true,
            "Remove the value from the file (leave it empty, or a reference such as `${GRAFANA_PASSWORD}`), rotate the credential, and inject it at deploy time: `--set` from a CI secret, or an external secret store (Sealed Secrets, External Secrets, Vault). A check that needs the value (a storage credential, the Grafana password) sees it when the build gets it from the same CI secret with `-Dworkflow.set=<key>=…`; see README's *Secrets from CI*.");

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(CREDENTIAL_PATHS.stream().map(CommittedSecretRule::key).toList())
            .objects(ObjectMatch.any("Secret").withStringData().reading(ObjectField.of("stringData")))
            .build();

    /**
     * The credential path as a values key, with the releases that have it (the release table: database.password
     * appears in Workflow 2.10). A committed credential is a finding whatever the release: it is in git.
     */
    private static ValuesKey key(String path) {
        if (path.contains("*")) {
            return ValuesKey.pattern(path);
        }
        return path.equals("database.password") ? ValuesKey.of(path).since("2.10") : ValuesKey.of(path);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null) {
            for (ValuesSource source : values.sources()) {
                if (source.file().displayName().equals(SetValues.DISPLAY_NAME)) {
                    continue; // --set is how a secret is injected at deploy time, not a committed file
                }
                for (String pattern : CREDENTIAL_PATHS) {
                    List<Found> found = new ArrayList<>();
                    collect(source.root(), pattern.split("\\."), 0, "", found);
                    for (Found credential : found) {
                        String path = credential.path;
                        findings.report(
                                source.file().displayName() + "#" + path,
                                Place.inValues(
                                        new Location(source.file(), credential.entry.valuePosition()),
                                        path,
                                        path + " holds a literal credential in a committed file (value not shown): "
                                                + remedy(path)));
                    }
                }
            }
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (KubeObject secret : manifests.ofKind("Secret")) {
                if (secret.at("stringData") instanceof YamlMap data) {
                    List<YamlEntry> literal = data.entries().stream()
                            .filter(entry -> entry.value() instanceof YamlScalar value && isLiteral(value))
                            .toList();
                    if (!literal.isEmpty()) {
                        findings.report(
                                secret.file().displayName() + "#" + secret.ref(),
                                Place.inManifest(
                                        secret.locationOf(literal.get(0)),
                                        secret.ref(),
                                        secret.ref() + " has literal stringData for "
                                                + String.join(
                                                        ", ",
                                                        literal.stream()
                                                                .map(YamlEntry::name)
                                                                .toList())
                                                + " (values not shown) in a committed manifest: "
                                                + REMEDY));
                    }
                }
            }
        }
    }

    private record Found(String path, YamlEntry entry) {}

    private static void collect(YamlMap map, String[] pattern, int depth, String prefix, List<Found> out) {
        String key = pattern[depth];
        for (YamlEntry entry : map.entries()) {
            if (!key.equals("*") && !key.equals(entry.name())) {
                continue;
            }
            String path = prefix.isEmpty() ? entry.name() : prefix + "." + entry.name();
            YamlNode value = entry.value();
            if (depth == pattern.length - 1) {
                if (value instanceof YamlScalar scalar && isLiteral(scalar) && !isDefault(path, scalar)) {
                    out.add(new Found(path, entry));
                }
            } else if (value instanceof YamlMap next) {
                collect(next, pattern, depth + 1, path, out);
            }
        }
    }

    /** A real value: not empty, not a placeholder, not a reference to a secret injected elsewhere. */
    private static boolean isLiteral(YamlScalar value) {
        String text = value.rendered();
        return !value.isNull()
                && !text.isBlank()
                && !Storage.isPlaceholder(text)
                && !REFERENCE.matcher(text).matches()
                && !STAND_IN.matcher(text).matches();
    }

    /** Grafana's default password is reported by grafana-default-admin, not as a leaked secret. */
    private static boolean isDefault(String path, YamlScalar value) {
        return path.equals(Grafana.PASSWORD.text()) && value.text().equals("admin");
    }
}
