package dev.workflowguard.rules;

import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.Severity;
import dev.workflowguard.values.EffectiveValues;
import dev.workflowguard.values.Value;
import dev.workflowguard.yaml.HelmScalars;
import dev.workflowguard.yaml.HelmType;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * `invalid-value`: a setting the checks read has a type or value the chart cannot use. Helm
 * renders it anyway, or stops with a template error at deploy time; either way what runs is not
 * what was reviewed, and the production checks cannot vouch for it.
 */
public final class InvalidValueRule implements Rule {

    static final String ID = "invalid-value";
    private static final Set<String> BACKENDS = Set.of("s3", "gcs", "azure", "swift", "minio");
    private static final Set<String> LOCATIONS = Set.of("on-cluster", "off-cluster");
    /** A key whose value must be one of a few words. */
    private record Choice(ValuesKey key, Set<String> words) {}

    private static final List<Choice> WORDS = List.of(
            new Choice(Storage.BACKEND, BACKENDS),
            new Choice(Grafana.LOCATION, LOCATIONS),
            new Choice(ValuesKey.of("global.influxdb_location"), LOCATIONS),
            new Choice(ValuesKey.of("global.logger_redis_location"), LOCATIONS),
            new Choice(ValuesKey.of("global.database_location"), LOCATIONS),
            new Choice(ValuesKey.of("global.registry_location"), Set.of("on-cluster", "off-cluster", "ecr", "gcr")));
    /** Keys read as booleans or strings: any scalar will do, a collection never. */
    private static final List<ValuesKey> SCALARS = Stream.concat(
                    Stream.of(
                            Controller.REGISTRATION_MODE,
                            Grafana.SIGN_UP,
                            Grafana.PASSWORD,
                            Router.HOST_PORT,
                            Rbac.USE_RBAC),
                    Router.NATIVE_INGRESS.stream())
            .toList();

    private static final List<ValuesKey> COUNTS = Router.REPLICA_KEYS;
    private static final List<ValuesKey> MAPS = List.of(Router.DEPLOYMENT_ANNOTATIONS, Router.SERVICE_ANNOTATIONS_KEY);
    private static final RuleInfo INFO = new RuleInfo(
            ID,
            Severity.ERROR,
            "no",
            "A setting the checks read has a type or value the chart cannot use (global.storage: 42, "
                    + "registration_mode: [a], annotations that are not strings).",
            "Helm renders such a value anyway or stops with a template error at deploy time; either way what runs is "
                    + "not what was reviewed, and the production checks cannot vouch for it.",
            true,
            false,
            "Write the value the chart expects: one of the listed words, a boolean, a number of replicas, or a "
                    + "mapping of string annotations.");

    private static final RuleInputs INPUTS = RuleInputs.builder()
            .values(WORDS.stream().map(Choice::key).toList())
            .values(SCALARS)
            .values(COUNTS)
            .values(MAPS)
            .build();

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
            for (Choice choice : WORDS) {
                Value value = values.get(choice.key().path());
                if (!blocked(values, value, findings) && value.isSet()) {
                    YamlScalar scalar = value.scalar();
                    if (scalar == null || !choice.words().contains(scalar.rendered())) {
                        report(
                                values,
                                value,
                                findings,
                                "must be one of "
                                        + String.join(
                                                ", ",
                                                choice.words().stream().sorted().toList()));
                    }
                }
            }
            for (ValuesKey key : SCALARS) {
                Value value = values.get(key.path());
                if (!blocked(values, value, findings) && value.isSet() && !(value.node() instanceof YamlScalar)) {
                    report(
                            values,
                            value,
                            findings,
                            "must be a single value, not " + value.node().describeType());
                }
            }
            for (ValuesKey key : COUNTS) {
                Value value = values.get(key.path());
                if (!blocked(values, value, findings)
                        && value.isSet()
                        && (value.scalar() == null
                                || value.scalar().type() != HelmType.INT
                                || !isCount(value.scalar().text()))) {
                    report(values, value, findings, "must be a whole number of replicas");
                }
            }
            for (ValuesKey key : MAPS) {
                Value value = values.get(key.path());
                if (blocked(values, value, findings) || !value.isSet()) {
                    continue;
                }
                YamlNode node = value.node();
                if (!(node instanceof YamlMap map)) {
                    if (!(node instanceof YamlScalar scalar && scalar.isNull())) {
                        report(values, value, findings, "must be a mapping of annotation names to strings");
                    }
                    continue;
                }
                for (YamlEntry entry : map.entries()) {
                    if (!(entry.value() instanceof YamlScalar)) {
                        Value annotation = values.get(value.path().child(entry.name()));
                        report(
                                values,
                                annotation,
                                findings,
                                "is an annotation, so it must be a string, not "
                                        + entry.value().describeType());
                    }
                }
            }
        }
    }

    /** A parent that is not a mapping hides every key below it: reported once, at the parent. */
    private boolean blocked(EffectiveValues values, Value value, RuleFindings findings) {
        if (value.state() != Value.State.BLOCKED) {
            return false;
        }
        findings.report(
                "invalid:" + value.entryPath(),
                Place.inValues(
                        values.locate(value),
                        value.entryPath().toString(),
                        value.entryPath() + " is " + value.entry().value().describeType()
                                + ", not a mapping, so nothing below "
                                + "it (such as " + value.path() + ") can be set; Helm cannot merge it with the chart's "
                                + "defaults"));
        return true;
    }

    /** A whole number Helm reads as zero or more. */
    private static boolean isCount(String text) {
        Optional<BigInteger> number = HelmScalars.parseInt(text);
        return number.isPresent() && number.get().signum() >= 0;
    }

    private static void report(EffectiveValues values, Value value, RuleFindings findings, String expected) {
        String shown = value.scalar() != null
                ? ValueWords.scalarWords(value.scalar())
                : value.node().describeType();
        findings.report(
                "invalid:" + value.path(),
                Place.inValues(
                        values.locate(value),
                        value.path().toString(),
                        value.path() + " is " + shown + ", but it " + expected));
    }
}
