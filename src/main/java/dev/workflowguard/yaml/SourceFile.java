package dev.workflowguard.yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A file's decoded text together with the name used for it in messages. The text keeps a byte
 * order mark as U+FEFF so that offsets from the parser (which skips it but counts it) line up with
 * the text exactly.
 */
public final class SourceFile {

    private final Path path;
    private final String displayName;
    /** Null once released; read again from disk on demand (and checked unchanged). */
    private volatile String text;
    /** Length and CRC-32C of the text when it was released; -1 while it is held. */
    private long releasedChecksum = -1;

    private final Charset charset;
    private final boolean byteOrderMark;
    /**
     * Char index of each code point; null until built, {@link #ONE_CHAR_EACH} when every code point
     * is one char. The lazily built fields are volatile and built into locals before they are
     * published: values files are read by several reader threads at once (file-by-file checks).
     */
    private volatile int[] charIndexByCodePoint;

    private static final int[] ONE_CHAR_EACH = new int[0];
    /** Whether the text holds a line break only YAML counts; null until asked. */
    private volatile Boolean yamlOnlyLineBreaks;
    /** Code point offsets at which lines start, as editors count them; built only when needed. */
    private volatile int[] lineStarts;

    public SourceFile(Path path, String displayName, String text, Charset charset, boolean byteOrderMark) {
        this.path = Objects.requireNonNull(path, "path");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.text = Objects.requireNonNull(text, "text");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.byteOrderMark = byteOrderMark;
    }

    /** A file made from a string, for tests and generated input. */
    public static SourceFile ofText(String displayName, String text) {
        return new SourceFile(
                Path.of(displayName).toAbsolutePath(),
                displayName,
                text,
                StandardCharsets.UTF_8,
                text.startsWith("\uFEFF"));
    }

    public Path path() {
        return path;
    }

    /** The path as shown to users: relative to the project base directory, with forward slashes. */
    public String displayName() {
        return displayName;
    }

    /**
     * Drops the text from memory once the file has been read: a large repository keeps only the
     * findings and the few objects the rules need, not every file. {@link #text()} reads the file
     * again when it is needed (a fix), and refuses a file that changed meanwhile.
     */
    public synchronized void release() {
        if (text != null && Files.isRegularFile(path)) {
            releasedChecksum = checksum(text);
            text = null;
            charIndexByCodePoint = null;
            lineStarts = null;
        }
    }

    /**
     * Length and CRC-32C of the text: enough to tell that a file was edited on disk during the build,
     * which is all {@link #reload()} guards against (it is not a security boundary). A cryptographic
     * digest is not needed for that, and cost the readers of {@code ScaleBenchmark#manifests} more
     * (docs/benchmarks.md).
     */
    private static long checksum(String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return ((long) bytes.length << 32) ^ crc.getValue();
    }

    private synchronized String reload() {
        if (text != null) {
            return text;
        }
        try {
            String again = SourceReader.decode(path, displayName, Files.readAllBytes(path))
                    .text();
            if (checksum(again) != releasedChecksum) {
                throw new UncheckedIOException(
                        new IOException(displayName + " changed on disk since it was read; run the goal again"));
            }
            text = again;
            return again;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    new IOException(displayName + " cannot be read again: " + SourceReader.describe(e), e));
        } catch (YamlException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    public String text() {
        String current = text;
        if (current == null) {
            return reload();
        }
        return current;
    }

    public Charset charset() {
        return charset;
    }

    public boolean hasByteOrderMark() {
        return byteOrderMark;
    }

    /** Converts a parser offset (code points) into an index into {@link #text()}. */
    public int charIndex(int codePointOffset) {
        int[] index = buildIndex();
        if (index == ONE_CHAR_EACH) {
            return Math.min(codePointOffset, text().length());
        }
        if (codePointOffset >= index.length) {
            return text().length();
        }
        return index[codePointOffset];
    }

    /** The 1-based line and column of a code point offset, as the parser would report them. */
    public TextPosition positionOf(int codePointOffset) {
        int end = charIndex(codePointOffset);
        int line = 1;
        int column = 1;
        for (int i = 0; i < end; ) {
            int c = text().codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n' || (c == '\r' && (i >= text().length() || text().charAt(i) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r' && c != '\uFEFF') {
                column++;
            }
        }
        return new TextPosition(line, column, codePointOffset);
    }

    /**
     * Where a parser mark points (SnakeYAML's 0-based line and column, and its code point offset).
     * SnakeYAML also starts a new line at U+0085, U+2028 and U+2029, which editors, grep and code
     * review tools do not; in a text holding one of those, the line and column are counted from the
     * offset the way they are (a new line after LF, CRLF or a lone CR), so findings point at the line
     * people see.
     */
    public TextPosition positionOfMark(int line, int column, int codePointOffset) {
        Boolean yamlOnly = yamlOnlyLineBreaks;
        if (yamlOnly == null) {
            yamlOnly = text().indexOf('\u0085') >= 0 || text().indexOf('\u2028') >= 0 || text().indexOf('\u2029') >= 0;
            yamlOnlyLineBreaks = yamlOnly;
        }
        if (!yamlOnly) {
            return new TextPosition(line + 1, column + 1, codePointOffset);
        }
        int[] starts = lineStarts;
        if (starts == null) {
            List<Integer> breaks = new ArrayList<>();
            breaks.add(0);
            int cp = 0;
            for (int i = 0; i < text().length(); cp++) {
                int c = text().codePointAt(i);
                i += Character.charCount(c);
                if (c == '\n' || (c == '\r' && (i >= text().length() || text().charAt(i) != '\n'))) {
                    breaks.add(cp + 1);
                }
            }
            starts = breaks.stream().mapToInt(Integer::intValue).toArray();
            lineStarts = starts;
        }
        int found = Arrays.binarySearch(starts, Math.max(0, codePointOffset));
        int lineIndex = found >= 0 ? found : -found - 2;
        int bom = lineIndex == 0 && codePointOffset > 0 && text().startsWith("\uFEFF") ? 1 : 0;
        return new TextPosition(lineIndex + 1, codePointOffset - starts[lineIndex] + 1 - bom, codePointOffset);
    }

    private int[] buildIndex() {
        int[] built = charIndexByCodePoint;
        if (built != null) {
            return built;
        }
        int count = text().codePointCount(0, text().length());
        if (count == text().length()) {
            built = ONE_CHAR_EACH;
        } else {
            built = new int[count + 1];
            int cp = 0;
            for (int i = 0; i < text().length(); i += Character.charCount(text().codePointAt(i))) {
                built[cp++] = i;
            }
            built[count] = text().length();
        }
        charIndexByCodePoint = built;
        return built;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
