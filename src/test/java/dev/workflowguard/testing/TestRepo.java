package dev.workflowguard.testing;

import dev.workflowguard.check.CheckRequest;
import dev.workflowguard.check.CheckResult;
import dev.workflowguard.check.Checker;
import dev.workflowguard.check.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A throwaway infrastructure repository in a temporary folder, and checks run over it. */
public final class TestRepo {

    private final Path dir;

    public TestRepo(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a UTF-8 file (folders created), relative to the repo. */
    public TestRepo file(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo bytes(String name, byte[] content) {
        try {
            Path path = dir.resolve(name);
            Files.createDirectories(path.getParent());
            Files.write(path, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a test resource (e.g. "fixtures/stock-values-2.19.yaml") into the repo under a name. */
    public TestRepo resource(String resource, String name) {
        try (InputStream in = TestRepo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return bytes(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies a test chart (a folder of src/test/resources/charts, e.g. "workflow" or "workflow-fork") into the repo
     * at charts/workflow, where the chart tests configure it.
     */
    public TestRepo chart(String chart) {
        Path source = Path.of("src", "test", "resources", "charts", chart);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes("charts/workflow/" + source.relativize(file), Files.readAllBytes(file));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CheckResult check(Consumer<CheckRequest.Builder> configure) throws InputException {
        CheckRequest.Builder builder = CheckRequest.builder(dir);
        configure.accept(builder);
        return new Checker().check(builder.build());
    }

    /** Checks values files (in Helm order) for a Workflow version (null for none). */
    public CheckResult values(String version, String... files) throws InputException {
        return check(b -> b.workflowVersion(version).values(files));
    }

    /** Checks manifest files or folders. */
    public CheckResult manifests(String... paths) throws InputException {
        return check(b -> b.manifests(paths));
    }

    /** Reads a test resource as text. */
    public static String resourceText(String resource) {
        try (InputStream in = TestRepo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
