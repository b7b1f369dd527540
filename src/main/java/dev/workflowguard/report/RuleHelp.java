package dev.workflowguard.report;

import dev.workflowguard.rules.MetaRules;
import dev.workflowguard.rules.Rule;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The help the reports carry for each rule of a check: its docs page, the same text as docs/rules/&lt;id&gt;.md
 * (made by {@link RuleDocs} from the rule's declarations), so a report is readable where nothing else is; and,
 * only when the user says where the pages are published ({@link DocsUrl}), the address of each page.
 */
public final class RuleHelp {

    private final Map<String, RuleInfo> infos = new LinkedHashMap<>();
    private final Map<String, Supplier<String>> pageMakers = new LinkedHashMap<>();
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final DocsUrl docs;

    private RuleHelp(List<Rule> rules, DocsUrl docs) {
        this.docs = docs;
        for (Rule rule : rules) {
            infos.put(rule.id(), rule.info());
            pageMakers.put(rule.id(), () -> RuleDocs.page(rule));
        }
        for (RuleInfo meta : MetaRules.ALL) {
            infos.put(meta.id(), meta);
            pageMakers.put(meta.id(), () -> RuleDocs.page(meta));
        }
    }

    /**
     * The help of these rules and of the rules about suppressions.
     *
     * @param docs where the pages are published, or null to link nowhere
     */
    public static RuleHelp of(List<Rule> rules, DocsUrl docs) {
        return new RuleHelp(rules, docs);
    }

    /** The catalogue's help, linking nowhere. */
    public static RuleHelp catalogue() {
        return of(RuleCatalogue.all(), null);
    }

    /** The rules, as {@link RuleCatalogue#infos(List)} lists them: the checks, then the rules about suppressions. */
    public List<RuleInfo> infos() {
        return List.copyOf(infos.values());
    }

    /** The rule's docs page in Markdown (made the first time it is asked for: it reads the release table). */
    public Optional<String> markdown(String id) {
        Supplier<String> maker = pageMakers.get(id);
        return maker == null ? Optional.empty() : Optional.of(pages.computeIfAbsent(id, any -> maker.get()));
    }

    /** The rule's page as plain text. */
    public Optional<String> text(String id) {
        return markdown(id).map(page -> MarkdownPage.parse(page).text());
    }

    /** The rule's page as HTML without its title (the rule id), its sections one level below {@code top}. */
    public Optional<String> html(String id, int top) {
        return markdown(id).map(page -> MarkdownPage.parse(page).html(top, false));
    }

    /** The rule's catalogue entry. */
    public Optional<RuleInfo> info(String id) {
        return Optional.ofNullable(infos.get(id));
    }

    /** The address of the rule's page, when the user configured where the pages are. */
    public Optional<String> url(String id) {
        return Optional.ofNullable(docs).map(d -> d.rule(id));
    }

    /** The address of the pages as a whole, when the user configured it. */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(docs).map(DocsUrl::base);
    }
}
