package dev.workflowguard.fix;

import java.util.ArrayList;
import java.util.List;

/** Splits text into lines that keep their terminators, so CRLF and a missing final newline survive a diff. */
public final class UnifiedDiffLines {

    private UnifiedDiffLines() {}

    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
