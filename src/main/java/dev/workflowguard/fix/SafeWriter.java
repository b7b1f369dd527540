package dev.workflowguard.fix;

import dev.workflowguard.yaml.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes corrected files all or nothing, never leaving one half-written or touching one it must not.
 *
 * <p>Before the first write every file is checked: a regular file inside the project base directory
 * (links are followed, and one leading outside is refused), writable by its owner by its permission
 * bits (checked explicitly, because root would write anyway), in a folder its owner may write, and
 * byte for byte what was read. Each file is then written to a temporary file next to it, created
 * readable by its owner only, synced to disk and only then given the original's permissions; right
 * before an atomic move replaces the original, the original is checked unchanged once more. When a
 * write fails, the files already written are restored. Messages name the values file, never the
 * temporary one.
 *
 * <p>Temporary files are named {@code .<name>.<random>.workflow-fix.tmp} and locked while a fix uses
 * them, so that a later run finds those a killed run left next to the values files (they hold values,
 * credentials included) and removes them.
 */
public final class SafeWriter {

    static final String TEMP_SUFFIX = ".workflow-fix.tmp";

    /** Longest part of a file name kept in its temporary file's name (names are limited to 255 bytes). */
    private static final int NAME_KEPT = 160;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The steps of a write that tests replace, to make happen what root cannot be made to see otherwise
     * (root ignores permissions, so an immutable file is simulated by a move that fails) or what a race
     * does between two instructions.
     */
    interface Steps {
        /** Called once the temporary file holds the new bytes and is synced, before it gets the original's permissions. */
        default void written(Path temp) throws IOException {}

        /** Called once the temporary file is complete, right before the unchanged-check and the move. */
        default void beforeMove(Path target) throws IOException {}

        default void move(Path temp, Path target) throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static final Steps FILE_SYSTEM = new Steps() {};

    private final Path baseDirectory;
    private final Steps steps;

    public SafeWriter(Path baseDirectory) {
        this(baseDirectory, FILE_SYSTEM);
    }

    SafeWriter(Path baseDirectory, Steps steps) {
        this.baseDirectory = baseDirectory;
        this.steps = steps;
    }

    /** Thrown when a write is refused or fails; the message names the file and says what was left as it was. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The original on disk changed, or now leads elsewhere, between the checks and the move. */
    private static final class ChangedOnDisk extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** The bytes a text encodes to in the file's own encoding (a kept BOM character included). */
    public static byte[] encode(SourceFile file, String text) throws CharacterCodingException {
        ByteBuffer buffer = file.charset()
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        return Arrays.copyOfRange(
                buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit());
    }

    /** One file about to be written: where, what is there now, what goes there. */
    private record Pending(SourceFile file, Path real, byte[] original, byte[] corrected) {}

    /** Writes one file (see {@link #writeAll}). */
    public void write(SourceFile original, String newText) throws RefusedException {
        writeAll(List.of(new FixPlan.FileChange(original, newText, List.of(), null)));
    }

    /**
     * Writes every change or none: all files are checked before the first write, and a write that fails
     * restores the files written before it.
     */
    public void writeAll(List<FixPlan.FileChange> changes) throws RefusedException {
        List<Pending> pending = prepare(changes);
        for (int i = 0; i < pending.size(); i++) {
            Pending file = pending.get(i);
            String failure;
            try {
                replace(file, file.original(), file.corrected());
                continue;
            } catch (ChangedOnDisk e) {
                failure = name(file) + " changed on disk while the fix was writing and was left as it is now";
            } catch (IOException e) {
                failure = name(file) + " could not be written: " + reason(e, file);
            }
            throw new RefusedException(failure + restore(pending.subList(0, i)) + "; run the fix again");
        }
    }

    /**
     * Checks every file as {@link #writeAll} does before its first write, writing nothing; a dry run
     * refuses what a real run would.
     */
    public void check(List<FixPlan.FileChange> changes) throws RefusedException {
        prepare(changes);
    }

    private List<Pending> prepare(List<FixPlan.FileChange> changes) throws RefusedException {
        List<Pending> pending = new ArrayList<>();
        for (FixPlan.FileChange change : changes) {
            SourceFile file = change.file();
            Path real = target(file);
            if (change.target() != null && !real.equals(change.target())) {
                throw new RefusedException(file.displayName() + " leads to another file than when the fix was planned; "
                        + "nothing was written; run the fix again");
            }
            for (Pending other : pending) {
                if (other.real().equals(real)) {
                    throw new RefusedException(
                            file.displayName() + " is the same file as " + name(other) + "; nothing was written");
                }
            }
            byte[] original = encoded(file, file.text());
            byte[] corrected = encoded(file, change.newText());
            if (!Arrays.equals(original, bytes(file, real))) {
                throw new RefusedException(file.displayName()
                        + " changed on disk since it was read; nothing was written; " + "run the fix again");
            }
            pending.add(new Pending(file, real, original, corrected));
        }
        return pending;
    }

    /**
     * The real file a values file is written to, once it is known that it may be: a regular file inside
     * the project base directory, whose permission bits let its owner write it and the folder it is in.
     *
     * @throws RefusedException saying why it may not be written (the message names the file)
     */
    public Path target(SourceFile file) throws RefusedException {
        Path base;
        try {
            base = baseDirectory.toRealPath();
        } catch (IOException e) {
            throw new RefusedException("the project base directory cannot be resolved: " + e.getMessage());
        }
        Path real;
        try {
            real = file.path().toRealPath();
        } catch (NoSuchFileException e) {
            throw new RefusedException(file.displayName() + " no longer exists (it was removed since it was read); "
                    + "nothing was written");
        } catch (IOException e) {
            throw new RefusedException(file.displayName() + " cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(base)) {
            throw new RefusedException(file.displayName()
                    + (Files.isSymbolicLink(file.path())
                            ? " leads outside the project base directory (through a symbolic link); it is never written"
                            : " lies outside the project base directory; it is never written"));
        }
        if (!Files.isRegularFile(real)) {
            throw new RefusedException(file.displayName() + " is not a regular file");
        }
        writable(file, real, base);
        return real;
    }

    /**
     * Where a path leads and the permission bits of the file and its folder, in words: part of what the
     * check goal's up-to-date record depends on, since a file the fix may not write is not fixable.
     */
    public static String access(Path path) {
        try {
            Path real = path.toRealPath();
            PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
            if (posix == null) {
                DosFileAttributeView dos = Files.getFileAttributeView(real, DosFileAttributeView.class);
                return real + (dos != null && dos.readAttributes().isReadOnly() ? " read-only" : "");
            }
            return real + " "
                    + PosixFilePermissions.toString(posix.readAttributes().permissions()) + " "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(real.getParent()));
        } catch (IOException | RuntimeException e) {
            return path + " unreadable";
        }
    }

    /** Refuses a file whose permission bits keep its owner from writing it or its folder (root would not notice). */
    private static void writable(SourceFile file, Path real, Path base) throws RefusedException {
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> mode = posix.readAttributes().permissions();
                if (!mode.contains(PosixFilePermission.OWNER_WRITE)) {
                    throw new RefusedException(
                            file.displayName() + " is read-only (" + PosixFilePermissions.toString(mode)
                                    + "); workflow-guard never writes a read-only file: make it writable (chmod u+w) for the "
                                    + "fix, or correct it by hand");
                }
                Set<PosixFilePermission> folder = Files.getPosixFilePermissions(real.getParent());
                if (!folder.contains(PosixFilePermission.OWNER_WRITE)) {
                    String shown = base.equals(real.getParent())
                            ? "."
                            : base.relativize(real.getParent()).toString();
                    throw new RefusedException(file.displayName() + " is in a read-only folder ("
                            + shown.replace('\\', '/')
                            + ", " + PosixFilePermissions.toString(folder) + "); the fix replaces a file through a new "
                            + "file in its folder and never writes into a read-only folder: make it writable (chmod "
                            + "u+w), or correct the file by hand");
                }
                return;
            }
            DosFileAttributeView dos = Files.getFileAttributeView(real, DosFileAttributeView.class);
            if (dos != null && dos.readAttributes().isReadOnly()) {
                throw new RefusedException(
                        file.displayName() + " is read-only; workflow-guard never writes a read-only "
                                + "file: make it writable for the fix, or correct it by hand");
            }
        } catch (IOException e) {
            throw new RefusedException(file.displayName() + "'s permissions cannot be read: " + e.getMessage());
        }
    }

    /**
     * Replaces one file by way of a temporary file next to it.
     *
     * @param expected what must be on disk right before the move
     * @param bytes what goes there
     */
    private void replace(Pending file, byte[] expected, byte[] bytes) throws IOException, ChangedOnDisk {
        Path real = file.real();
        Path temp = real.resolveSibling(tempName(real));
        boolean moved = false;
        byte[] replaced;
        // The file being replaced stays open until after the move: an edit written into it between the last
        // comparison and the move would otherwise vanish with it, unnoticed.
        try (FileChannel original = FileChannel.open(real, StandardOpenOption.READ);
                FileChannel channel = FileChannel.open(temp, createNew(), ownerOnly(real))) {
            // Held until the move: a run that finds this file while it is locked leaves it alone.
            try (FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                steps.written(temp);
                copyOwnerAndPermissions(real, temp);
                steps.beforeMove(real);
                if (!real.equals(file.file().path().toRealPath())
                        || !Arrays.equals(expected, Files.readAllBytes(real))
                        || !Arrays.equals(expected, readAll(original))) {
                    throw new ChangedOnDisk();
                }
                steps.move(temp, real);
                moved = true;
            }
            replaced = readAll(original);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncFolder(real.getParent());
        if (!Arrays.equals(expected, replaced)) {
            // Someone wrote into the file in the instant between the comparison and the move: put their bytes back.
            replace(file, bytes, replaced);
            throw new ChangedOnDisk();
        }
    }

    /** Everything a file holds now, read through a channel opened earlier (the same file, even once replaced). */
    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
        long position = 0;
        while (buffer.hasRemaining() && channel.read(buffer, position) > 0) {
            position = buffer.position();
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Puts back the original bytes of files already written, newest first; says what it did. */
    private String restore(List<Pending> written) {
        if (written.isEmpty()) {
            return "; nothing was written";
        }
        List<String> restored = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = written.size() - 1; i >= 0; i--) {
            Pending file = written.get(i);
            try {
                replace(file, file.corrected(), file.original());
                restored.add(0, name(file));
            } catch (ChangedOnDisk e) {
                kept.add(0, name(file) + " (it changed on disk after the fix wrote it, and was left as it is now)");
            } catch (IOException e) {
                kept.add(0, name(file) + " (" + reason(e, file) + "; it holds the fix's corrections)");
            }
        }
        StringBuilder text = new StringBuilder("; ");
        if (!restored.isEmpty()) {
            text.append(String.join(", ", restored))
                    .append(restored.size() == 1 ? ", already written, was" : ", already written, were")
                    .append(" restored byte for byte");
        }
        if (kept.isEmpty()) {
            return text.append(": no file was changed").toString();
        }
        return text.append(restored.isEmpty() ? "" : "; ")
                .append("could not restore ")
                .append(String.join(", ", kept))
                .toString();
    }

    /**
     * Temporary files an interrupted fix left next to these files (inside the project), not in use by a
     * fix that is running.
     */
    public List<Path> leftovers(Collection<SourceFile> files) {
        Path base;
        try {
            base = baseDirectory.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        Set<Path> found = new TreeSet<>();
        for (SourceFile file : files) {
            Path real;
            try {
                real = file.path().toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!real.startsWith(base) || real.getParent() == null) {
                continue;
            }
            Pattern pattern = leftoverPattern(real.getFileName().toString());
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(real.getParent())) {
                for (Path entry : entries) {
                    if (pattern.matcher(entry.getFileName().toString()).matches()
                            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                            && !inUse(entry)) {
                        found.add(entry);
                    }
                }
            } catch (IOException e) {
                // A folder that cannot be listed holds nothing this run could remove.
            }
        }
        return new ArrayList<>(found);
    }

    /** Removes a leftover temporary file unless a running fix holds it; false when it is in use. */
    public boolean removeLeftover(Path leftover) throws IOException {
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false;
            }
            if (lock == null) {
                return false;
            }
            try (lock) {
                Files.delete(leftover);
                return true;
            }
        }
    }

    /** The path shown for a file next to the values files: relative to the project base directory. */
    public String display(Path path) {
        try {
            Path base = baseDirectory.toRealPath();
            return (path.startsWith(base) ? base.relativize(path) : path)
                    .toString()
                    .replace('\\', '/');
        } catch (IOException e) {
            return path.toString();
        }
    }

    private static boolean inUse(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true; // cannot tell: leave it
        }
    }

    static String tempName(Path real) {
        String token = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return "." + kept(real.getFileName().toString()) + "." + token + TEMP_SUFFIX;
    }

    /** Temporary files of this run's naming, and of earlier releases' ({@code .<name><digits>.workflow-fix.tmp}). */
    static Pattern leftoverPattern(String fileName) {
        return Pattern.compile("\\." + Pattern.quote(kept(fileName)) + "\\.?[0-9A-Za-z]+" + Pattern.quote(TEMP_SUFFIX));
    }

    private static String kept(String fileName) {
        return fileName.length() <= NAME_KEPT ? fileName : fileName.substring(0, NAME_KEPT);
    }

    private static Set<OpenOption> createNew() {
        return Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Readable by its owner only: it holds the values (credentials too) before it has the original's permissions. */
    private static FileAttribute<?>[] ownerOnly(Path real) {
        if (!real.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
        };
    }

    /** The original's permissions, and its owner and group where this process may set them. */
    private static void copyOwnerAndPermissions(Path real, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(real, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        PosixFileAttributes original = view.readAttributes();
        PosixFileAttributeView copy = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        try {
            PosixFileAttributes now = copy.readAttributes();
            if (!now.owner().equals(original.owner())) {
                copy.setOwner(original.owner());
            }
            if (!now.group().equals(original.group())) {
                copy.setGroup(original.group());
            }
        } catch (IOException e) {
            // Not allowed to give files away: the file then belongs to whoever ran the fix, as after any editor.
        }
        copy.setPermissions(original.permissions());
    }

    /** Makes the rename itself durable; not every platform can open a folder, and then there is nothing to sync. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private static byte[] encoded(SourceFile file, String text) throws RefusedException {
        try {
            return encode(file, text);
        } catch (CharacterCodingException e) {
            throw new RefusedException(file.displayName() + " cannot hold the corrected text in its encoding ("
                    + file.charset().name() + "); nothing was written");
        }
    }

    private static byte[] bytes(SourceFile file, Path real) throws RefusedException {
        try {
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw new RefusedException(file.displayName() + " cannot be read again before writing: " + e.getMessage()
                    + "; nothing was written");
        }
    }

    private static String name(Pending file) {
        return file.file().displayName();
    }

    /** Why an I/O step failed, in words that name no temporary file. */
    private static String reason(IOException e, Pending file) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "the file or its folder disappeared";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file of the temporary file's name already exists";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason();
        } else if (e.getMessage() != null && !e.getMessage().contains(TEMP_SUFFIX)) {
            why = e.getMessage();
        } else {
            why = "an input/output error";
        }
        if (why.contains("Operation not permitted")) {
            why += " (an immutable or append-only file, see lsattr "
                    + file.file().displayName() + ", fails this way)";
        }
        return why;
    }
}
