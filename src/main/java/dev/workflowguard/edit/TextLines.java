package dev.workflowguard.edit;

/**
 * Lines of a YAML text as the parser sees them. YAML 1.1, which SnakeYAML and Helm's Go yaml v2
 * both follow, breaks lines at LF, CRLF and a lone CR, and also at NEL (U+0085), LINE SEPARATOR
 * (U+2028) and PARAGRAPH SEPARATOR (U+2029): indentation and columns are counted from those too,
 * so every structural position here is, and a line added next to another takes that line's own
 * break, whichever it is. Line numbers in messages are counted the way editors count them (LF,
 * CRLF, CR), like every other message of the plugin.
 */
final class TextLines {

    private final String text;

    TextLines(String text) {
        this.text = text;
    }

    static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** The index of the line break that ends the line holding {@code index}, or the text's length. */
    int lineEnd(int index) {
        int i = index;
        while (i < text.length() && !isBreak(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index at which the line holding {@code index} starts. */
    int lineStart(int index) {
        int i = Math.min(index, text.length());
        while (i > 0 && !isBreak(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** The line break that starts at {@code lineEnd} (CRLF as one), or "" at the end of the text. */
    String breakAt(int lineEnd) {
        if (lineEnd >= text.length()) {
            return "";
        }
        if (text.charAt(lineEnd) == '\r' && lineEnd + 1 < text.length() && text.charAt(lineEnd + 1) == '\n') {
            return "\r\n";
        }
        return String.valueOf(text.charAt(lineEnd));
    }

    /**
     * The break that lines inserted after the line holding {@code index} end with: that line's own
     * break, or (the last line of a text without a final break) the break of the line before it, or
     * LF in a text of one line.
     */
    String breakOfLine(int index) {
        String own = breakAt(lineEnd(index));
        if (!own.isEmpty()) {
            return own;
        }
        int start = lineStart(index);
        if (start == 0) {
            return "\n";
        }
        int previousEnd = start - 1;
        if (previousEnd > 0 && text.charAt(previousEnd) == '\n' && text.charAt(previousEnd - 1) == '\r') {
            previousEnd--;
        }
        return breakAt(previousEnd);
    }

    /** The break that lines inserted at a line start {@code index} end with: the break of the line before. */
    String breakBefore(int index) {
        if (index == 0 || !isBreak(text.charAt(index - 1))) {
            return breakOfLine(index);
        }
        if (text.charAt(index - 1) == '\n' && index >= 2 && text.charAt(index - 2) == '\r') {
            return "\r\n";
        }
        return String.valueOf(text.charAt(index - 1));
    }

    /** True when only blanks (and a byte order mark) stand between the start of its line and {@code index}. */
    boolean startsLine(int index) {
        for (int i = lineStart(index); i < index; i++) {
            char c = text.charAt(i);
            if (!isBlank(c) && c != '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /**
     * Spaces that put text at the same column as {@code index}: one per code point before it on its
     * line (YAML counts columns in code points), nothing for a byte order mark.
     */
    String padTo(int index) {
        int start = lineStart(index);
        int columns = 0;
        for (int i = start; i < index; i += Character.charCount(text.codePointAt(i))) {
            if (text.charAt(i) != '\uFEFF') {
                columns++;
            }
        }
        return " ".repeat(columns);
    }

    /** The 1-based line of {@code index}, counted as editors count lines (LF, CRLF, CR). */
    int lineNumber(int index) {
        int line = 1;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** The index of the first character at or after {@code from} that is not a blank. */
    int skipBlanks(int from) {
        int i = from;
        while (i < text.length() && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The index of the first character at or after {@code from} (and before {@code limit}) that is
     * neither white space, nor a line break, nor part of a comment.
     */
    int skipSpaceAndComments(int from, int limit) {
        int i = from;
        while (i < limit) {
            char c = text.charAt(i);
            if (isBlank(c) || isBreak(c) || c == '\uFEFF') {
                i++;
            } else if (c == '#' && (i == 0 || isBlank(text.charAt(i - 1)) || isBreak(text.charAt(i - 1)))) {
                i = lineEnd(i);
            } else {
                break;
            }
        }
        return Math.min(i, limit);
    }

    /** True when a comment starts somewhere in [from, to), which holds only space and comments. */
    boolean holdsComment(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '#') {
                return true;
            }
        }
        return false;
    }

    /** The index just after the last character before {@code index} that is not white space or a line break. */
    int trimBack(int index, int floor) {
        int i = index;
        while (i > floor && (isBlank(text.charAt(i - 1)) || isBreak(text.charAt(i - 1)))) {
            i--;
        }
        return i;
    }
}
