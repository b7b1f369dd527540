package dev.workflowguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The choices a fix needs are validated up front, each error naming its property. */
class FixOptionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "192.168.1.7", "10.0.0.0/8, 172.16.0.0/12", "2001:db8::/32", "::1"})
    void acceptsAddressesAndBlocks(String whitelist) {
        assertEquals(whitelist.trim(), new FixOptions(null, null, whitelist, false).whitelist());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "10.0.0", "everyone", "10.0.0.0/8,;rm -rf"})
    void refusesWhatIsNotACidr(String whitelist) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new FixOptions(null, null, whitelist, false));
        assertTrue(e.getMessage().startsWith("workflow.fix.whitelist: '"), e.getMessage());
    }

    @Test
    void errorsNameTheirProperty() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FixOptions("open", null, null, false))
                .getMessage()
                .startsWith("workflow.fix.registrationMode: 'open'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FixOptions(null, "S4", null, false))
                .getMessage()
                .startsWith("workflow.fix.storage: 's4'"));
        assertEquals("gcs", new FixOptions(null, " GCS ", null, false).storage());
        assertEquals("admin_only", new FixOptions(" ", null, null, false).registrationMode());
    }
}
