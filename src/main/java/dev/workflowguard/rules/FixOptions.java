package dev.workflowguard.rules;

import java.util.Locale;
import java.util.Set;

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
        registrationMode = registrationMode == null || registrationMode.isBlank() ? "admin_only"
                : registrationMode.trim().toLowerCase(Locale.ROOT);
        if (!registrationMode.equals("admin_only") && !registrationMode.equals("disabled")) {
            throw new IllegalArgumentException("'" + registrationMode + "' is not a registration mode to fix to; "
                    + "use admin_only or disabled");
        }
        storage = storage == null || storage.isBlank() ? null : storage.trim().toLowerCase(Locale.ROOT);
        if (storage != null && !STORAGE_BACKENDS.contains(storage)) {
            throw new IllegalArgumentException("'" + storage + "' is not an object storage backend; use one of "
                    + "s3, gcs, azure, swift");
        }
        whitelist = whitelist == null || whitelist.isBlank() ? null : whitelist.trim();
    }
}
