package dev.workflowguard.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The text `workflow:help` prints comes from the mojos' Javadoc, through the generated plugin-help.xml: markup the
 * generator takes for HTML (a bare {@code <releaseName>} in a comment) is dropped from it, and what is left reads
 * "(`helm template `)". Every description must read as written.
 */
class HelpTextTest {

    private static final Path HELP =
            Path.of("target", "classes", "META-INF", "maven", "dev.workflowguard", "workflow-maven-plugin");

    /** Code quoted with nothing inside, or with a space left where markup was dropped. */
    private static final Pattern ARTEFACT = Pattern.compile("`\\s*`|\\(`\\s|\\s`\\)|\\s`[.,;:]|\\s\\)|\\(\\s");

    private static List<String> descriptions() throws IOException {
        String xml = Files.readString(HELP.resolve("plugin-help.xml"));
        List<String> out = new ArrayList<>();
        Matcher description =
                Pattern.compile("(?s)<description>(.*?)</description>").matcher(xml);
        while (description.find()) {
            out.add(description
                    .group(1)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&apos;", "'")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"));
        }
        return out;
    }

    @Test
    void noDescriptionLostItsMarkup() throws IOException {
        List<String> descriptions = descriptions();
        assertTrue(descriptions.size() > 40, "expected every goal's parameters, found " + descriptions.size());
        for (String text : descriptions) {
            assertTrue(!ARTEFACT.matcher(text).find(), () -> "markup left a gap in: " + text);
            assertTrue(!text.contains("template `"), () -> "markup left a gap in: " + text);
        }
    }

    @Test
    void theReleaseNameSaysWhatItIsGivenTo() throws IOException {
        assertEquals(
                3,
                descriptions().stream()
                        .filter("The release name the chart is rendered with (helm template <releaseName>)."::equals)
                        .count(),
                "check, fix and baseline each describe releaseName");
    }
}
