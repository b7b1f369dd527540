package dev.workflowguard.check;

import dev.workflowguard.render.HelmLibrary;
import dev.workflowguard.suppress.ConfiguredSuppression;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A digest of everything a check's outcome depends on: the request (every setting, today's date, which
 * decides expired suppressions), the bytes of every file it reads (values, each manifest file a folder
 * expands to, the baseline, every file of a chart to render and the Helm library that renders it),
 * and what the caller adds (the plugin build, the report settings). Equal fingerprints mean the check
 * would find exactly the same. A request whose inputs cannot all be listed here (in-memory overrides,
 * a missing file, a chart that cannot be read) has none.
 */
public final class InputFingerprint {

    private InputFingerprint() {}

    /**
     * The fingerprint, or null when this request's outcome cannot be vouched for by one.
     *
     * @param context what else the outcome depends on, e.g. the plugin build and the report settings
     */
    public static String of(CheckRequest request, List<String> context) {
        if (!request.textOverrides().isEmpty()) {
            // Overrides are not on disk.
            return null;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
        InputFiles inputs = new InputFiles(request.baseDirectory());
        long max = request.limits().maxFileBytes();
        try {
            add(digest, "workflow-guard input fingerprint 1");
            for (String part : context) {
                add(digest, "context", part);
            }
            add(digest, "base", inputs.resolve(".").toString());
            add(digest, "version", request.workflowVersion());
            add(digest, "disabled", String.join(",", new TreeSet<>(request.disabledRules())));
            add(digest, "severities", new TreeMap<>(request.severities()).toString());
            add(digest, "certificate", request.externalCertificate());
            // A record's toString() names every component, so a setting added to either is digested too.
            add(digest, "limits", request.limits().toString());
            add(digest, "fix", request.fixOptions().toString());
            add(digest, "release", request.releaseName() + "/" + request.namespace());
            for (String set : request.setValues()) {
                add(digest, "set", set);
            }
            for (ConfiguredSuppression suppression : request.suppressions()) {
                add(
                        digest,
                        "suppression",
                        suppression.rule(),
                        suppression.file(),
                        suppression.valuesPath(),
                        suppression.object(),
                        suppression.reason(),
                        suppression.until(),
                        String.valueOf(suppression.source()));
            }
            add(digest, "today", request.today().toString());
            for (String configured : request.valuesFiles()) {
                addFile(digest, "values", inputs.valuesFile(configured), max);
            }
            for (String configured : request.manifests()) {
                add(digest, "manifests", configured);
                for (Path file : inputs.manifestFiles(configured)) {
                    addFile(digest, "manifest", file, max);
                }
            }
            if (request.chart() != null) {
                addChart(digest, inputs.resolve(request.chart()), max);
            }
            if (request.baseline() != null) {
                Path baseline = inputs.resolve(request.baseline());
                if (Files.isRegularFile(baseline)) {
                    addFile(digest, "baseline", baseline, max);
                } else {
                    add(digest, "baseline", "absent " + baseline);
                }
            }
        } catch (InputException | IOException | RuntimeException e) {
            // The check itself reports what is wrong with an input; never vouch for it.
            return null;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A chart to render, by content: the archive's bytes, or every file of the folder (links followed, as Helm
     * follows them) with its path inside, so that a template edited deep in a subchart counts; and the Helm
     * library that renders it. Times are left out: a fresh clone of the same chart is the same chart.
     */
    private static void addChart(MessageDigest digest, Path chart, long maxBytes) throws IOException {
        add(digest, "helm", HelmLibrary.coordinates());
        if (!Files.isDirectory(chart)) {
            addFile(digest, "chart archive", chart, maxBytes);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(chart, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        add(digest, "chart", chart.toString(), String.valueOf(files.size()));
        for (Path file : files) {
            add(digest, "chart file", chart.relativize(file).toString().replace('\\', '/'));
            addFile(digest, "chart file", file, maxBytes);
        }
    }

    /** Each part is length-prefixed, so no two different sequences of parts digest alike. */
    private static void add(MessageDigest digest, String... parts) {
        for (String part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            digest.update(length(bytes.length));
            digest.update(bytes);
        }
    }

    /** Streamed, so a large file is not held in memory; one over the size limit is left to the check to refuse. */
    private static void addFile(MessageDigest digest, String kind, Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IOException(file + " is over the size limit");
        }
        add(digest, kind, file.toString());
        digest.update(length(size));
        if (stream(digest, file) != size) {
            throw new IOException(file + " changed while it was read");
        }
    }

    /** The SHA-256 of a file's bytes, in hex (reports and the POM, for the up-to-date record). */
    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            stream(digest, file);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    /** Feeds the file to the digest in chunks; returns how many bytes were read. */
    private static long stream(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                read += n;
            }
        }
        return read;
    }

    /** Eight big-endian bytes of a length. */
    private static byte[] length(long value) {
        byte[] out = new byte[8];
        long rest = value;
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) rest;
            rest >>>= 8;
        }
        return out;
    }
}
