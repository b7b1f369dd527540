package dev.workflowguard.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A report written to a temporary file and moved into place only when complete: no reader sees half a report. */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;

    public AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Files.createDirectories(this.target.getParent());
        this.temp = Files.createTempFile(this.target.getParent(), "." + this.target.getFileName(), ".tmp");
        this.out = Files.newOutputStream(temp);
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
