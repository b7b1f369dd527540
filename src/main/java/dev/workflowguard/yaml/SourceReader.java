package dev.workflowguard.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a file into a {@link SourceFile}. Decoding is strict: Helm reads UTF-8 (or UTF-16 with a
 * byte order mark), so a Latin-1 or binary file is reported with the line of the first bad byte
 * instead of being silently turned into replacement characters.
 */
public final class SourceReader {

    private final YamlLimits limits;
    private final Map<Path, SourceFile> overrides;

    public SourceReader(YamlLimits limits) {
        this(limits, Map.of());
    }

    /**
     * A reader that returns the given in-memory versions instead of reading those files (used to
     * check what a fix would leave without writing it).
     */
    public SourceReader(YamlLimits limits, Map<Path, SourceFile> overrides) {
        this.limits = limits;
        this.overrides = Map.copyOf(overrides);
    }

    public SourceFile read(Path path, String displayName) throws YamlException {
        SourceFile override = overrides.get(path.toAbsolutePath().normalize());
        if (override != null) {
            return new SourceFile(
                    override.path(), displayName, override.text(), override.charset(), override.hasByteOrderMark());
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new YamlException(displayName, null, "is a directory, expected a file");
            }
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                throw new YamlException(
                        displayName,
                        null,
                        "is " + size + " bytes, over the limit of " + limits.maxFileBytes()
                                + " bytes (raise maxFileSizeMb / workflow.maxFileSizeMb if this file is meant to be checked)");
            }
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
            }
            if (bytes.length > limits.maxFileBytes()) {
                throw new YamlException(displayName, null, "is over the limit of " + limits.maxFileBytes() + " bytes");
            }
        } catch (IOException e) {
            throw new YamlException(displayName, null, "cannot be read: " + describe(e));
        }
        return decode(path, displayName, bytes);
    }

    /** Decodes bytes already read (BOM-aware, strict). */
    public static SourceFile decode(Path path, String displayName, byte[] bytes) throws YamlException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        boolean bom = false;
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            throw new YamlException(displayName, TextPosition.START, "is UTF-32 encoded; Helm reads UTF-8 or UTF-16");
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bom = true;
            skip = 3;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = true;
            skip = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = true;
            skip = 2;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        try {
            CharBuffer chars = decoder.decode(in);
            String text = (bom ? "\uFEFF" : "") + chars;
            return new SourceFile(path, displayName, text, charset, bom);
        } catch (MalformedInputException e) {
            int bad = in.position();
            throw new YamlException(
                    displayName,
                    positionOfByte(bytes, skip, bad),
                    "is not valid " + charset.name() + " (byte 0x"
                            + String.format("%02X", bytes[Math.min(bad, bytes.length - 1)] & 0xFF) + " at byte offset "
                            + bad + "); save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new YamlException(displayName, null, "is not valid " + charset.name() + "; save the file as UTF-8");
        }
    }

    /** Line and column of a byte offset, counting lines by LF bytes (good enough for the error message). */
    private static TextPosition positionOfByte(byte[] bytes, int from, int offset) {
        int line = 1;
        int lineStart = from;
        for (int i = from; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TextPosition(line, offset - lineStart + 1, -1);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        // The message in words (e.g. "Input/output error"), not the Java class behind it.
        return e.getMessage() == null ? "an input/output error (" + e.getClass().getSimpleName() + ")" : e.getMessage();
    }
}
