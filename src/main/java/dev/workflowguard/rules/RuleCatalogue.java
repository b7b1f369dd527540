package dev.workflowguard.rules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every rule, in the order of the catalogue (rules.md). The `rules` goal, the README table and the
 * engine all read this one list; a check may run other rules instead (CheckRequest), and the
 * lookups that take a list of rules answer for those.
 */
public final class RuleCatalogue {

    private static final List<Rule> RULES = List.of(
            new MinioStorageRule(),
            new StoragePlaceholderRule(),
            new OpenRegistrationRule(),
            new GrafanaSignupRule(),
            new GrafanaDefaultAdminRule(),
            new SingleRouterRule(),
            new TlsMissingRule(),
            new TlsNotEnforcedRule(),
            new TlsLegacyProtocolsRule(),
            new NoIpWhitelistRule(),
            new RouterHostPortRule(),
            new RbacDisabledRule(),
            new DuplicateKeyRule(),
            new CommittedSecretRule(),
            new StaleRenderRule(),
            new MutableImageTagRule(),
            new InvalidValueRule());

    private RuleCatalogue() {}

    public static List<Rule> all() {
        return RULES;
    }

    public static Optional<Rule> find(String id) {
        return RULES.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** Every rule id users can name: the checks, then the rules about suppressions. */
    public static List<String> ids() {
        return ids(RULES);
    }

    /** The ids users can name when these rules run: theirs, then the rules about suppressions. */
    public static List<String> ids(List<Rule> rules) {
        return infos(rules).stream().map(RuleInfo::id).toList();
    }

    /** The catalogue as the `rules` goal, README and docs show it: the checks, then the rules about suppressions. */
    public static List<RuleInfo> infos() {
        return infos(RULES);
    }

    /** These rules' entries, then the rules about suppressions. */
    public static List<RuleInfo> infos(List<Rule> rules) {
        return Stream.concat(rules.stream().map(Rule::info), MetaRules.ALL.stream())
                .toList();
    }

    /** The catalogue entry of an id, check or meta rule. */
    public static Optional<RuleInfo> info(String id) {
        return info(RULES, id);
    }

    /** The entry of an id among these rules and the rules about suppressions. */
    public static Optional<RuleInfo> info(List<Rule> rules, String id) {
        return infos(rules).stream().filter(info -> info.id().equals(id)).findFirst();
    }
}
