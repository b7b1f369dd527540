package dev.workflowguard.yaml;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file's decoded text together with the name used for it in messages. The text keeps a byte
 * order mark as U+FEFF so that offsets from the parser (which skips it but counts it) line up with
 * the text exactly.
 */
public final class SourceFile {

    private final Path path;
    private final String displayName;
    private final String text;
    private final Charset charset;
    private final boolean byteOrderMark;
    /** char index of each code point; null while every code point is one char (the common case). */
    private int[] charIndexByCodePoint;
    private boolean indexBuilt;

    public SourceFile(Path path, String displayName, String text, Charset charset, boolean byteOrderMark) {
        this.path = Objects.requireNonNull(path, "path");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.text = Objects.requireNonNull(text, "text");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.byteOrderMark = byteOrderMark;
    }

    /** A file made from a string, for tests and generated input. */
    public static SourceFile ofText(String displayName, String text) {
        return new SourceFile(Path.of(displayName).toAbsolutePath(), displayName, text,
                java.nio.charset.StandardCharsets.UTF_8, text.startsWith("\uFEFF"));
    }

    public Path path() {
        return path;
    }

    /** The path as shown to users: relative to the project base directory, with forward slashes. */
    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    public Charset charset() {
        return charset;
    }

    public boolean hasByteOrderMark() {
        return byteOrderMark;
    }

    /** Converts a parser offset (code points) into an index into {@link #text()}. */
    public int charIndex(int codePointOffset) {
        buildIndex();
        if (charIndexByCodePoint == null) {
            return Math.min(codePointOffset, text.length());
        }
        if (codePointOffset >= charIndexByCodePoint.length) {
            return text.length();
        }
        return charIndexByCodePoint[codePointOffset];
    }

    /** The 1-based line and column of a code point offset, as the parser would report them. */
    public TextPosition positionOf(int codePointOffset) {
        int end = charIndex(codePointOffset);
        int line = 1;
        int column = 1;
        for (int i = 0; i < end; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r' && c != '\uFEFF') {
                column++;
            }
        }
        return new TextPosition(line, column, codePointOffset);
    }

    private void buildIndex() {
        if (indexBuilt) {
            return;
        }
        int count = text.codePointCount(0, text.length());
        if (count != text.length()) {
            int[] index = new int[count + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                index[cp++] = i;
            }
            index[count] = text.length();
            charIndexByCodePoint = index;
        }
        indexBuilt = true;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
