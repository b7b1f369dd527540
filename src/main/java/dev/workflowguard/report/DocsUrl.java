package dev.workflowguard.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the user publishes the rule pages (the {@code docsBaseUrl} parameter), so that the reports can link to
 * them: a rule's page is {@code <base>/<rule-id>}, or the base with {@code {rule}} replaced by the id. The
 * reports carry every rule's help themselves; links are only made to an address the user chose, since the
 * project publishes the pages nowhere.
 *
 * @param template the address as configured, without trailing slashes unless it holds {@code {rule}}
 */
public record DocsUrl(String template) {

    /** Stands for the rule id in a configured address. */
    public static final String RULE = "{rule}";

    private static final String PARAMETER = "docsBaseUrl / workflow.docsBaseUrl";

    /**
     * The configured address, or null when none is (null or blank).
     *
     * @throws IllegalArgumentException naming the parameter, for anything but an absolute http(s) URL with a host
     */
    public static DocsUrl parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String address = configured.strip();
        boolean placeholder = address.contains(RULE);
        URI uri;
        try {
            uri = new URI(address.replace(RULE, "rule-id"));
        } catch (URISyntaxException e) {
            throw invalid(configured, "it is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(configured, "it is not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw invalid(configured, "it names no host");
        }
        if (placeholder
                && !uri.getRawAuthority()
                        .equals(URI.create(address.replace(RULE, "x")).getRawAuthority())) {
            throw invalid(configured, RULE + " may stand in the path, query or fragment, not in the host");
        }
        if (!placeholder && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
            throw invalid(
                    configured,
                    "the rule id would be appended after its query or fragment; put " + RULE + " where the id goes");
        }
        return new DocsUrl(placeholder ? address : address.replaceAll("/+$", ""));
    }

    private static IllegalArgumentException invalid(String configured, String why) {
        return new IllegalArgumentException(PARAMETER + ": '" + configured + "' cannot be used: " + why + ". Give the "
                + "http(s) address where the rule pages are published: the rule id is appended "
                + "(https://docs.example.com/workflow-guard/rules gives …/rules/open-registration), or replaces "
                + RULE + " (https://git.example.com/infra/docs/rules/" + RULE + ".md).");
    }

    /** The address of a rule's page. */
    public String rule(String id) {
        return template.contains(RULE) ? template.replace(RULE, id) : template + "/" + id;
    }

    /** The address of the pages as a whole: the base, or with {@code {rule}}, the folder it is in. */
    public String base() {
        if (!template.contains(RULE)) {
            return template;
        }
        String before = template.substring(0, template.indexOf(RULE));
        int query = before.indexOf('?');
        int fragment = before.indexOf('#');
        if (query >= 0 || fragment >= 0) {
            return before.substring(0, query >= 0 && (fragment < 0 || query < fragment) ? query : fragment);
        }
        return before.substring(0, before.lastIndexOf('/') + 1);
    }
}
