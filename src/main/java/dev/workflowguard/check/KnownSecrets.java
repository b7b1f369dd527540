package dev.workflowguard.check;

import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.secrets.SecretMask;

/**
 * The stage that collects the credentials the inputs hold (values under credential keys, Secrets
 * and credential env values of committed objects), so that no message shows them. The chart's
 * render adds its own with {@link #plus}; errors of the render itself are masked with what the
 * inputs hold.
 */
final class KnownSecrets {

    private final SecretMask.Builder found;

    private KnownSecrets(SecretMask.Builder found) {
        this.found = found;
    }

    static KnownSecrets in(UserValues values, CommittedManifests committed) {
        SecretMask.Builder found = SecretMask.builder();
        values.sources().forEach(found::values);
        if (committed.objects() != null) {
            committed.objects().objects().forEach(found::object);
        }
        if (committed.byFile() != null) {
            found.add(committed.byFile().secrets());
        }
        return new KnownSecrets(found);
    }

    /** These secrets and those of more objects (the chart's render); null adds nothing. */
    KnownSecrets plus(ManifestSet objects) {
        if (objects == null) {
            return this;
        }
        SecretMask.Builder more = SecretMask.builder().add(found);
        objects.objects().forEach(more::object);
        return new KnownSecrets(more);
    }

    SecretMask mask() {
        return found.build();
    }
}
