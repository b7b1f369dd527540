package dev.workflowguard.rules;

import java.util.List;
import java.util.Optional;

/**
 * Every rule, in the order of the catalogue (rules.md). The `rules` goal, the README table and the
 * engine all read this one list.
 */
public final class RuleCatalogue {

    private static final List<Rule> RULES = List.of(new MinioStorageRule(), new StoragePlaceholderRule(),
            new OpenRegistrationRule(), new GrafanaSignupRule(), new GrafanaDefaultAdminRule(), new SingleRouterRule(),
            new TlsMissingRule(), new TlsNotEnforcedRule(), new TlsLegacyProtocolsRule(), new NoIpWhitelistRule(),
            new RouterHostPortRule(), new RbacDisabledRule(), new DuplicateKeyRule(), new CommittedSecretRule(),
            new StaleRenderRule(), new MutableImageTagRule(), new InvalidValueRule());

    private RuleCatalogue() {
    }

    public static List<Rule> all() {
        return RULES;
    }

    public static Optional<Rule> find(String id) {
        return RULES.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** Every rule id users can name: the checks, then the rules about suppressions. */
    public static List<String> ids() {
        return infos().stream().map(RuleInfo::id).toList();
    }

    /** The catalogue as the `rules` goal, README and docs show it: the checks, then the rules about suppressions. */
    public static List<RuleInfo> infos() {
        List<RuleInfo> infos = new java.util.ArrayList<>(RULES.stream().map(Rule::info).toList());
        infos.addAll(MetaRules.ALL);
        return List.copyOf(infos);
    }

    /** The catalogue entry of an id, check or meta rule. */
    public static Optional<RuleInfo> info(String id) {
        return infos().stream().filter(info -> info.id().equals(id)).findFirst();
    }
}
