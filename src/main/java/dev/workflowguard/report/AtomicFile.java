package dev.workflowguard.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** A report written to a temporary file and moved into place only when complete: no reader sees half a report. */
public final class AtomicFile implements AutoCloseable {

    /** Tells apart the temporary files of one JVM; CREATE_NEW tells apart those of other processes. */
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    public AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Files.createDirectories(this.target.getParent());
        // Not Files.createTempFile: it gives the report owner-only permissions, and a report is as readable as any
        // other file the build writes.
        Path candidate;
        OutputStream opened;
        for (int attempt = 0; ; attempt++) {
            candidate = this.target.resolveSibling(
                    "." + this.target.getFileName() + "." + Long.toHexString(SEQUENCE.getAndIncrement()) + ".tmp");
            try {
                opened = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                break;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
        this.temp = candidate;
        this.out = opened;
    }

    public OutputStream stream() {
        return out;
    }

    /** Finishes the file and moves it into place. */
    public void commit() throws IOException {
        out.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
