package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Eclipse m2e finds how to treat each goal in the plugin jar, so `check` runs there without a warning marker. */
class M2eMetadataTest {

    @Test
    void checkIsExecutedAndTheOtherGoalsIgnored() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/m2e/lifecycle-mapping-metadata.xml")) {
            assertNotNull(in, "META-INF/m2e/lifecycle-mapping-metadata.xml is packaged");
            Document xml =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Element first =
                    (Element) xml.getElementsByTagName("pluginExecution").item(0);
            assertEquals("check", first.getElementsByTagName("goal").item(0).getTextContent());
            assertEquals(1, first.getElementsByTagName("execute").getLength());
            Element second =
                    (Element) xml.getElementsByTagName("pluginExecution").item(1);
            assertEquals(4, second.getElementsByTagName("goal").getLength());
            assertEquals(1, second.getElementsByTagName("ignore").getLength());
        }
    }
}
