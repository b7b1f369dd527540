package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;
import dev.workflowguard.release.WorkflowReleases;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.values.ValuesPath;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlScalar;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** `storage-placeholder`: the chosen storage backend still has empty or placeholder settings. */
public final class StoragePlaceholderRule implements Rule {

    static final String ID = "storage-placeholder";
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "The storage backend's buckets, containers or credentials are empty or still the chart placeholders.",
            "Off-cluster storage only works with real bucket/container names and credentials; the chart's "
                    + "placeholders (your-registry-bucket-name, YOUR ACCOUNT KEY…) make the registry, database and "
                    + "builder fail at startup.",
            true,
            true,
            "Fill the backend's settings with real values: bucket or container names in the values file, credentials injected at deploy time (`--set` from a CI secret, or an external secret store). For s3, leave `accesskey` and `secretkey` empty to use the nodes' IAM role.");

    /** A backend setting: its key under the backend, its key in the objectstorage Secret, whether it must be set. */
    private record Setting(String key, boolean required, boolean secret) {
        String dataKey() {
            return key.equals("key_json") ? "key.json" : key.replace('_', '-');
        }
    }

    /** A backend and its settings, in the order of the chart's values. */
    private record Backend(String name, List<Setting> settings) {}

    private static final List<Backend> BACKENDS = List.of(
            new Backend(
                    "s3",
                    List.of(
                            new Setting("accesskey", false, true),
                            new Setting("secretkey", false, true),
                            new Setting("region", true, false),
                            new Setting("registry_bucket", true, false),
                            new Setting("database_bucket", true, false),
                            new Setting("builder_bucket", true, false))),
            new Backend(
                    "gcs",
                    List.of(
                            new Setting("key_json", true, true),
                            new Setting("registry_bucket", true, false),
                            new Setting("database_bucket", true, false),
                            new Setting("builder_bucket", true, false))),
            new Backend(
                    "azure",
                    List.of(
                            new Setting("accountname", true, false),
                            new Setting("accountkey", true, true),
                            new Setting("registry_container", true, false),
                            new Setting("database_container", true, false),
                            new Setting("builder_container", true, false))),
            new Backend(
                    "swift",
                    List.of(
                            new Setting("username", true, false),
                            new Setting("password", true, true),
                            new Setting("authurl", true, false),
                            new Setting("authversion", false, false),
                            new Setting("tenant", false, false),
                            new Setting("registry_container", true, false),
                            new Setting("database_container", true, false),
                            new Setting("builder_container", true, false))));

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(Storage.BACKEND)
            .values(BACKENDS.stream()
                    .flatMap(backend -> backend.settings().stream()
                            .map(setting -> ValuesKey.of(backend.name() + "." + setting.key())))
                    .toList())
            // Up to 2.8 builder, registry and database each read their own (`builder.s3.builder_bucket`).
            .values(Storage.OWN_KEYFILES.keySet().stream()
                    .sorted()
                    .flatMap(chart -> BACKENDS.stream()
                            .flatMap(backend -> backend.settings().stream()
                                    .map(setting -> chart + "." + backend.name() + "." + setting.key())))
                    .filter(WorkflowReleases.bundled()::covers)
                    .map(key -> ValuesKey.of(key).until("2.8"))
                    .toList())
            .objects(Stream.concat(
                            Stream.of(Storage.KEYFILE_BACKEND),
                            Storage.OWN_KEYFILES.values().stream()
                                    .filter(name -> !name.equals(Storage.KEYFILE))
                                    .sorted()
                                    .map(name -> ObjectMatch.named("Secret", name)
                                            .reading(ObjectField.annotation(Storage.BACKEND_ANNOTATION))))
                    .map(match -> match.reading(ObjectField.of("data"), ObjectField.of("stringData")))
                    .toArray(ObjectMatch[]::new))
            // The cause of a finding is the setting's key (`s3.region`, `builder.s3.builder_bucket` on 2.8).
            .trace(Trace.byCause("the setting the finding names", cause -> List.of(ValuesPath.parse(cause))))
            .build();

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public RuleInputs inputs() {
        return INPUTS;
    }

    /** The settings of a backend; null for minio or a backend that does not exist. */
    private static List<Setting> settingsOf(String backend) {
        return BACKENDS.stream()
                .filter(candidate -> candidate.name().equals(backend))
                .map(Backend::settings)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void check(CheckContext context, RuleFindings findings) {
        EffectiveValues values = context.values();
        if (values != null) {
            checkValues(values, findings);
        }
        ManifestSet manifests = context.manifests();
        if (manifests != null) {
            for (Storage.Keyfile keyfile : Storage.keyfiles(context.version())) {
                for (KubeObject secret : manifests.named("Secret", keyfile.secret())) {
                    checkSecret(secret, keyfile, findings);
                }
            }
        }
    }

    private void checkValues(EffectiveValues values, RuleFindings findings) {
        String backend = values.get(Storage.BACKEND.path()).text();
        List<Setting> settings = backend == null ? null : settingsOf(backend);
        if (settings == null) {
            return;
        }
        for (Storage.Keyfile keyfile : Storage.keyfiles(values.version())) {
            for (Setting setting : settings) {
                if (keyfile.reads(backend, setting.key())) {
                    checkValue(values, backend, keyfile, setting, findings);
                }
            }
        }
    }

    private void checkValue(
            EffectiveValues values, String backend, Storage.Keyfile keyfile, Setting setting, RuleFindings findings) {
        String path = keyfile.path(backend, setting.key());
        Value value = values.get(path);
        // A null deletes the chart's placeholder too: the chart then renders the setting empty.
        String text = value.state() == Value.State.DELETED ? "" : value.text();
        String problem;
        if (value.isSet() && !(value.node() instanceof YamlScalar)) {
            problem = "it must be a string";
        } else if (Storage.isPlaceholder(text)) {
            problem = "that is the chart's placeholder, not a real " + what(setting);
        } else if (setting.required() && (text == null || text.isBlank())) {
            problem = backend + " storage needs a real " + what(setting);
        } else {
            return;
        }
        String described = value.isSet() && setting.secret() && !ChartDefaults.PLACEHOLDERS.containsValue(text)
                ? ValueWords.describe(value, true)
                : ValueWords.describe(value);
        Location where = values.locate(value);
        String unread = "";
        Value top = values.get(backend + "." + setting.key());
        if (!keyfile.prefix().isEmpty() && top.isSet() && !value.isSet()) {
            // The user set the top-level key this release's chart never reads: point at that line.
            where = values.locate(top);
            unread = "; " + top.path() + " has no effect on " + Releases.named(values.version()) + ", whose "
                    + keyfile.chart() + " chart reads " + path;
        }
        // A credential the repository must not hold: the check sees the real one only when the build is given it too.
        String secret = setting.secret()
                ? "; it is a secret: take it from a CI secret, never from a committed file, and "
                        + SecretFromCi.remedy(path)
                : "";
        findings.report(
                path,
                Place.inValues(
                        where,
                        value.path().toString(),
                        described + ": " + problem + " (global.storage is \"" + backend + "\")" + unread + secret));
    }

    private void checkSecret(KubeObject secret, Storage.Keyfile keyfile, RuleFindings findings) {
        YamlEntry annotation = Storage.backendAnnotation(secret);
        String backend = annotation != null && annotation.value() instanceof YamlScalar b ? b.text() : null;
        List<Setting> settings = backend == null ? null : settingsOf(backend);
        if (settings == null) {
            return;
        }
        for (String section : List.of("data", "stringData")) {
            if (!(secret.at(section) instanceof YamlMap data)) {
                continue;
            }
            for (Setting setting : settings) {
                YamlEntry entry = data.entry(setting.dataKey());
                if (entry == null || !(entry.value() instanceof YamlScalar scalar)) {
                    continue;
                }
                String decoded = section.equals("data") ? decode(scalar.text()) : scalar.text();
                boolean placeholder = Storage.isPlaceholder(decoded);
                boolean empty = setting.required() && decoded.isBlank();
                if (placeholder || empty) {
                    String shown = placeholder && ChartDefaults.PLACEHOLDERS.containsValue(decoded.trim())
                            ? "the chart placeholder \"" + decoded.trim() + "\""
                            : placeholder ? "a placeholder" : "empty";
                    findings.report(
                            keyfile.path(backend, setting.key()),
                            Place.inManifest(
                                    secret.locationOf(entry),
                                    secret.ref(),
                                    secret.ref() + " " + section + " \"" + setting.dataKey() + "\" "
                                            + (section.equals("data") ? "decodes to " : "is ") + shown + ": " + backend
                                            + " storage needs a real " + what(setting)
                                            + (injected(setting) ? " (inject it at deploy time)" : "")));
                }
            }
        }
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }

    /** A credential to give at deploy time (an s3 access key may instead be left out, for the IAM role). */
    private static boolean injected(Setting setting) {
        return setting.secret() && !setting.key().equals("accesskey");
    }

    private static String what(Setting setting) {
        String key = setting.key().toLowerCase(Locale.ROOT);
        if (key.endsWith("_bucket")) {
            return key.substring(0, key.indexOf('_')) + " bucket name";
        }
        if (key.endsWith("_container")) {
            return key.substring(0, key.indexOf('_')) + " container name";
        }
        switch (key) {
            case "key_json":
                return "service-account key";
            case "accountkey", "password", "secretkey":
                return "credential";
            case "accesskey":
                return "access key, or none to use the IAM role";
            default:
                return key;
        }
    }
}
