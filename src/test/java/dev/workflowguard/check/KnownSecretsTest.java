package dev.workflowguard.check;

import static dev.workflowguard.secrets.SecretMask.MASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.workflowguard.manifests.ManifestReader;
import dev.workflowguard.manifests.ManifestSet;
import dev.workflowguard.rules.RuleCatalogue;
import dev.workflowguard.rules.RuleInputs;
import dev.workflowguard.testing.TestRepo;
import dev.workflowguard.yaml.SourceFile;
import dev.workflowguard.yaml.YamlLimits;
import dev.workflowguard.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage that collects the credentials of the inputs, so that no message shows them. */
class KnownSecretsTest {

    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: %s
            stringData:
              password: %s
            """;

    @TempDir
    Path dir;

    private KnownSecrets known(String... manifests) throws InputException {
        CheckRequest request = CheckRequest.builder(dir)
                .values("values.yaml")
                .manifests(manifests)
                .build();
        CheckInputs inputs = CheckInputs.of(request);
        RuleSettings rules = RuleSettings.of(request);
        WorkflowRelease release = WorkflowRelease.resolve(inputs);
        UserValues values = UserValues.read(inputs, release);
        return KnownSecrets.in(values, CommittedManifests.read(inputs, rules, release, values, (done, total) -> {}));
    }

    @Test
    void valuesUnderCredentialKeysAndCommittedSecretsAreMasked() throws Exception {
        new TestRepo(dir)
                .file("values.yaml", "database:\n  password: values-password-1\n")
                .file("rendered/secret.yaml", SECRET.formatted("db", "committed-password-2"));
        String masked = known("rendered").mask().mask("values-password-1 and committed-password-2");
        assertEquals(MASK + " and " + MASK, masked);
    }

    @Test
    void secretsOfFilesCheckedOneByOneAreMaskedToo() throws Exception {
        new TestRepo(dir)
                .file("values.yaml", "a: 1\n")
                .file("clusters/a/secret.yaml", SECRET.formatted("db", "cluster-a-password"))
                .file("clusters/b/secret.yaml", SECRET.formatted("db", "cluster-b-password"));
        String masked = known("clusters").mask().mask("cluster-a-password cluster-b-password");
        assertEquals(MASK + " " + MASK, masked);
    }

    @Test
    void theRendersSecretsAreAddedWithoutChangingWhatWasKnown() throws Exception {
        new TestRepo(dir).file("values.yaml", "a: 1\n");
        KnownSecrets inputs = known();
        SourceFile render = new SourceFile(
                dir.resolve("render.yaml"),
                "render",
                SECRET.formatted("rendered", "rendered-password-3"),
                StandardCharsets.UTF_8,
                false);
        ManifestSet objects = new ManifestReader(
                        new YamlLoader(YamlLimits.DEFAULTS), RuleInputs.selection(RuleCatalogue.all()))
                .read(List.of(render));
        KnownSecrets withRender = inputs.plus(objects);
        assertEquals("rendered-password-3", inputs.mask().mask("rendered-password-3"));
        assertEquals(MASK, withRender.mask().mask("rendered-password-3"), "masked once the render is known");
        assertSame(inputs, inputs.plus(null), "no render, nothing to add");
    }
}
