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
            new StaleRenderRule(), new MutableImageTagRule());

    private RuleCatalogue() {
    }

    public static List<Rule> all() {
        return RULES;
    }

    public static Optional<Rule> find(String id) {
        return RULES.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return RULES.stream().map(Rule::id).toList();
    }
}
