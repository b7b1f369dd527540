package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** ManifestFacts writes equals and hashCode out (see the class); they must still mean "same facts". */
class ManifestFactsTest {

    private static ManifestFacts facts(int bits) {
        return new ManifestFacts(
                (bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0, (bits & 32) != 0);
    }

    @Test
    void equalExactlyWhenEveryFactIsTheSame() {
        for (int a = 0; a < 64; a++) {
            assertEquals(facts(a), facts(a));
            assertEquals(facts(a).hashCode(), facts(a).hashCode());
            for (int b = 0; b < 64; b++) {
                if (a != b) {
                    assertNotEquals(facts(a), facts(b), a + " vs " + b);
                }
            }
        }
        assertNotEquals(facts(0), null);
        assertNotEquals(facts(0), "facts");
    }
}
