package dev.workflowguard.rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The choices a fix needs from a person: which registration mode to write, which storage backend,
 * which CIDRs to allow. Without a choice, the rules report the finding as not fixable.
 *
 * @param registrationMode `admin_only` (default) or `disabled`
 * @param storage `s3`, `gcs`, `azure`, `swift`, or null for "not chosen"
 * @param whitelist comma-separated CIDRs for the router's default whitelist, or null
 * @param manifests whether committed rendered manifests may be edited too
 */
public record FixOptions(String registrationMode, String storage, String whitelist, boolean manifests) {

    public static final Set<String> STORAGE_BACKENDS = Set.of("s3", "gcs", "azure", "swift");
    public static final FixOptions DEFAULTS = new FixOptions("admin_only", null, null, false);

    public FixOptions {
        registrationMode = registrationMode == null || registrationMode.isBlank()
                ? "admin_only"
                : registrationMode.trim().toLowerCase(Locale.ROOT);
        if (!registrationMode.equals("admin_only") && !registrationMode.equals("disabled")) {
            throw new IllegalArgumentException("workflow.fix.registrationMode: '" + registrationMode
                    + "' is not a registration mode to fix to; use admin_only or disabled");
        }
        storage = storage == null || storage.isBlank() ? null : storage.trim().toLowerCase(Locale.ROOT);
        if (storage != null && !STORAGE_BACKENDS.contains(storage)) {
            throw new IllegalArgumentException("workflow.fix.storage: '" + storage
                    + "' is not an object storage backend; use one of s3, gcs, azure, swift");
        }
        whitelist = whitelist == null || whitelist.isBlank() ? null : whitelist.trim();
        if (whitelist != null) {
            for (String cidr : whitelist.split(",")) {
                if (!isCidr(cidr.trim())) {
                    throw new IllegalArgumentException("workflow.fix.whitelist: '" + cidr.trim()
                            + "' is not an IP address or CIDR block such as 10.0.0.0/8");
                }
            }
        }
    }

    /** An IPv4 or IPv6 address, optionally with a prefix length. */
    static boolean isCidr(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(5) == null || Integer.parseInt(v4.group(5)) <= 32;
        }
        Matcher v6 = IPV6.matcher(text);
        return v6.matches() && text.contains(":") && (v6.group(1) == null || Integer.parseInt(v6.group(1)) <= 128);
    }

    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(?:/(\\d{1,3}))?");
}
