package dev.workflowguard.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every rule, in the order of the catalogue (rules.md). The `rules` goal, the README table and the
 * engine all read this one list.
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
        for (Rule rule : RULES) {
            if (rule.id().equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** Every rule id users can name: the checks, then the rules about suppressions. */
    public static List<String> ids() {
        List<RuleInfo> infos = infos();
        List<String> ids = new ArrayList<>(infos.size());
        for (RuleInfo info : infos) {
            ids.add(info.id());
        }
        return Collections.unmodifiableList(ids);
    }

    /** The catalogue as the `rules` goal, README and docs show it: the checks, then the rules about suppressions. */
    public static List<RuleInfo> infos() {
        List<RuleInfo> infos = new ArrayList<>(RULES.size() + MetaRules.ALL.size());
        for (Rule rule : RULES) {
            infos.add(rule.info());
        }
        infos.addAll(MetaRules.ALL);
        return List.copyOf(infos);
    }

    /** The catalogue entry of an id, check or meta rule. */
    public static Optional<RuleInfo> info(String id) {
        for (RuleInfo info : infos()) {
            if (info.id().equals(id)) {
                return Optional.of(info);
            }
        }
        return Optional.empty();
    }
}
