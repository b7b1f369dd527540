package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.release.WorkflowVersion;
import org.junit.jupiter.api.Test;

/** A values key knows the releases whose chart has it, and assumes nothing about a release it does not know. */
class ValuesKeyTest {

    private static boolean missingIn(ValuesKey key, String version) {
        return key.missingIn(WorkflowVersion.parse(version));
    }

    @Test
    void aKeyAddedInARelease() {
        ValuesKey signUp = ValuesKey.of("monitor.grafana.allow_sign_up").since("2.14");
        assertTrue(missingIn(signUp, "2.13.9"));
        assertTrue(missingIn(signUp, "v2.8"));
        assertFalse(missingIn(signUp, "2.14.0"));
        assertFalse(missingIn(signUp, "2.23.1"));
        assertFalse(missingIn(signUp, null), "an unset release assumes nothing");
        assertFalse(missingIn(signUp, "3.1.0"), "an unknown release assumes nothing");
        assertEquals("2.14 and later", signUp.releases());
        assertFalse(signUp.inEveryRelease());
    }

    @Test
    void aKeyRemovedAfterARelease() {
        ValuesKey key = ValuesKey.of("router.example").since("2.10").until("2.19.2");
        assertTrue(missingIn(key, "2.9.1"));
        assertFalse(missingIn(key, "2.10.0"));
        assertFalse(missingIn(key, "2.19.2"));
        assertTrue(missingIn(key, "2.19.3"));
        assertTrue(missingIn(key, "2.20.0"));
        assertEquals("2.10 to 2.19.2", key.releases());
        assertEquals("up to 2.19", ValuesKey.of("a.b").until("2.19").releases());
    }

    @Test
    void aKeyInEveryRelease() {
        ValuesKey storage = ValuesKey.of("global.storage");
        assertFalse(missingIn(storage, "2.8.0"));
        assertFalse(missingIn(storage, "2.23.0"));
        // Helm Classic (2.0 - 2.7) had no Helm values at all: such a release is unknown, and nothing is assumed.
        assertFalse(missingIn(storage, "2.0.0"));
        assertFalse(missingIn(storage, "2.7.0"));
        assertTrue(storage.inEveryRelease());
        assertEquals("every release", storage.releases());
        assertEquals("global.storage", storage.text());
        assertEquals(
                "router.deployment_annotations.\"router.deis.io/nginx.ssl.enforce\"",
                ValuesKey.of("router.deployment_annotations")
                        .child("router.deis.io/nginx.ssl.enforce")
                        .toString());
        assertEquals(
                "registry-token-refresher.*.password",
                ValuesKey.pattern("registry-token-refresher.*.password").toString());
    }
}
