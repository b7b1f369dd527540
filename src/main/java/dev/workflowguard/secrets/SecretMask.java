package dev.workflowguard.secrets;

import dev.workflowguard.finding.Finding;
import dev.workflowguard.finding.Place;
import dev.workflowguard.manifests.KubeObject;
import dev.workflowguard.values.ChartDefaults;
import dev.workflowguard.values.ValuesSource;
import dev.workflowguard.yaml.YamlEntry;
import dev.workflowguard.yaml.YamlList;
import dev.workflowguard.yaml.YamlMap;
import dev.workflowguard.yaml.YamlNode;
import dev.workflowguard.yaml.YamlScalar;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credentials found in the inputs (values under credential keys, Secret objects, credential
 * environment variables), and the masking of any text that would show them. Every message leaves
 * the engine through {@link #mask(Finding)}; diffs shown to people go through {@link #maskLine}.
 */
public final class SecretMask {

    /** What replaces a secret. */
    public static final String MASK = "****";
    /** Words that make a key name a credential's, wherever they appear in it, in any case. */
    private static final List<String> CREDENTIAL_WORDS = List.of(
            "password",
            "passwd",
            "secret",
            "token",
            "key_json",
            "keyjson",
            "accountkey",
            "accesskey",
            "apikey",
            "api_key",
            "private_key",
            "privatekey",
            "credential");
    /** A `key: value` line of YAML (or a diff of one) whose key names a credential. */
    private static final Pattern CREDENTIAL_LINE =
            Pattern.compile("^([+\\- ]?\\s*(?:-\\s+)?[\"']?([\\w.\\-/]+)[\"']?\\s*:\\s+)(\\S.*?)\\s*$");

    private static final Set<String> NOT_SECRETS =
            Set.of("admin", "password", "changeme", "true", "false", "null", "secret", "token");
    private static final int SHORTEST = 4;
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)(your[-_ ].*|<[^<>]*>)");

    private final List<String> secrets;

    private SecretMask(List<String> secrets) {
        this.secrets = secrets;
    }

    public static final SecretMask NONE = new SecretMask(List.of());

    /** True for a key whose value is a credential (`password`, `secretkey`, `key_json`, `token`…). */
    public static boolean isCredentialKey(String key) {
        // Asked for every env entry of every rendered workload: plain searches, not a backtracking regex.
        String lower = key.toLowerCase(Locale.ROOT);
        return CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the secrets of the inputs. */
    public static final class Builder {
        private final Set<String> found = new TreeSet<>();

        /** Adds what another builder found (each reader thread collects its own files' secrets). */
        public Builder add(Builder other) {
            found.addAll(other.found);
            return this;
        }

        public Builder values(ValuesSource source) {
            walk(source.root(), false);
            return this;
        }

        private void walk(YamlNode node, boolean credential) {
            if (node instanceof YamlMap map) {
                for (YamlEntry entry : map.entries()) {
                    walk(entry.value(), credential || isCredentialKey(entry.name()));
                }
            } else if (node instanceof YamlList list) {
                list.items().forEach(item -> walk(item, credential));
            } else if (node instanceof YamlScalar scalar && credential) {
                add(scalar.text());
            }
        }

        public Builder object(KubeObject object) {
            if (object.kind().equals("Secret")) {
                for (String section : new String[] {"data", "stringData"}) {
                    if (object.at(section) instanceof YamlMap data) {
                        for (YamlEntry entry : data.entries()) {
                            if (entry.value() instanceof YamlScalar scalar) {
                                add(scalar.text());
                                if (section.equals("data")) {
                                    add(decode(scalar.text()));
                                }
                            }
                        }
                    }
                }
            }
            if (object.isWorkload()) {
                for (YamlMap container : object.containers()) {
                    if (container.get("env") instanceof YamlList env) {
                        for (YamlNode item : env.items()) {
                            if (item instanceof YamlMap var
                                    && var.get("name") instanceof YamlScalar name
                                    && isCredentialKey(name.text())
                                    && var.get("value") instanceof YamlScalar value) {
                                add(value.text());
                            }
                        }
                    }
                }
            }
            return this;
        }

        private void add(String value) {
            if (value == null) {
                return;
            }
            String text = value.trim();
            // The chart's placeholders are public words, shown so users know what to replace.
            boolean placeholder = ChartDefaults.PLACEHOLDERS.containsValue(text)
                    || PLACEHOLDER.matcher(text).matches();
            if (text.length() >= SHORTEST
                    && !NOT_SECRETS.contains(text.toLowerCase(Locale.ROOT))
                    && !placeholder
                    && !text.startsWith("${")) {
                found.add(text);
            }
        }

        public SecretMask build() {
            // Longer secrets first, so one that contains another is masked whole (a stable sort keeps ties in order).
            return new SecretMask(found.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList());
        }
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text with every known secret replaced. */
    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** A line of a file or diff shown to people: known secrets masked, and any value under a credential key too. */
    public String maskLine(String line) {
        String out = mask(line);
        Matcher matcher = CREDENTIAL_LINE.matcher(out);
        if (matcher.matches()
                && isCredentialKey(matcher.group(2))
                && !matcher.group(3).equals("\"\"")
                && !matcher.group(3).equals("''")
                && !matcher.group(3).startsWith("#")) {
            return matcher.group(1) + MASK;
        }
        return out;
    }

    /** The finding with every message masked. */
    public Finding mask(Finding finding) {
        if (secrets.isEmpty()) {
            return finding;
        }
        List<Place> places = finding.places().stream()
                .map(p -> new Place(p.location(), mask(p.message()), p.valuesPath(), p.object()))
                .toList();
        return new Finding(
                finding.rule(), finding.severity(), finding.cause(), places, finding.fix(), finding.manifestFixes());
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }
}
