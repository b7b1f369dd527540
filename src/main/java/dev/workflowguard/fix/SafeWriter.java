package dev.workflowguard.fix;

import dev.workflowguard.yaml.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;

/**
 * Writes a corrected file without ever leaving it half-written or touching what it must not: the
 * new bytes go to a temporary file in the same folder, which then atomically replaces the
 * original, keeping its permissions. A file outside the project base directory (also through a
 * symbolic link), or one that changed on disk since it was read, is refused.
 */
public final class SafeWriter {

    private final Path baseDirectory;

    public SafeWriter(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /** Thrown when a file is refused; nothing has been written. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The bytes a text encodes to in the file's own encoding (a kept BOM character included). */
    public static byte[] encode(SourceFile file, String text) throws CharacterCodingException {
        ByteBuffer buffer = file.charset().newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                buffer.arrayOffset() + buffer.limit());
    }

    public void write(SourceFile original, String newText) throws IOException, RefusedException {
        Path real = checkedTarget(original);
        byte[] expected = encode(original, original.text());
        byte[] current = Files.readAllBytes(real);
        if (!Arrays.equals(expected, current)) {
            throw new RefusedException(original.displayName() + " changed on disk since it was read; run the fix again");
        }
        byte[] bytes = encode(original, newText);
        Path temp = Files.createTempFile(real.getParent(), "." + real.getFileName(), ".workflow-fix.tmp");
        try {
            Files.write(temp, bytes);
            PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(real));
            }
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The real file to replace, refused when it lies outside the base directory. */
    Path checkedTarget(SourceFile original) throws IOException, RefusedException {
        Path base = baseDirectory.toRealPath();
        Path real;
        try {
            real = original.path().toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RefusedException(original.displayName() + " no longer exists (it was removed since it was read); "
                    + "nothing was written");
        } catch (IOException e) {
            throw new RefusedException(original.displayName() + " cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(base)) {
            throw new RefusedException(original.displayName() + " leads outside the project base directory ("
                    + (Files.isSymbolicLink(original.path()) ? "through a symbolic link" : real) + "); it is never written");
        }
        if (!Files.isRegularFile(real)) {
            throw new RefusedException(original.displayName() + " is not a regular file");
        }
        return real;
    }
}
