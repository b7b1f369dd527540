package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workflowguard.rules.RuleCatalogue;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

/** The rules goal prints the whole catalogue from the same table the engine runs. */
@MojoTest
class RulesMojoTest {

    @Test
    @InjectMojo(goal = "rules")
    void printsEveryRuleWithSeverityAndFixability(RulesMojo mojo) {
        CapturingLog log = new CapturingLog();
        mojo.setLog(log);
        mojo.execute();
        List<String> lines = log.at("INFO");
        // One line per rule and the header, and the lines that wrap a long description or fixability.
        assertEquals(
                RuleCatalogue.infos().size() + 1,
                lines.stream().filter(l -> !l.startsWith(" ")).count(),
                log.all());
        assertTrue(lines.get(0).matches("id\\s+severity\\s+fixable\\s+description"), lines.get(0));
        assertEquals(17, RuleCatalogue.all().size());
        assertEquals(20, RuleCatalogue.infos().size(), "17 checks and 3 rules about suppressions");
        for (String id : RuleCatalogue.ids()) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(id + " ")), "missing " + id + "\n" + log.all());
        }
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("open-registration\\s+error\\s+yes\\s+Registration is open.*")),
                log.all());
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("no-ip-whitelist\\s+info\\s+depends\\s+No router-wide.*")),
                log.all());
        assertTrue(
                lines.stream().anyMatch(l -> l.matches("\\s+fixable: with -Dworkflow.fix.whitelist=<cidrs>")),
                log.all());
    }
}
