package dev.workflowguard.release;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Workflow release the values target. Chart defaults changed across releases (registration
 * mode in 2.12, the router's host ports in 2.12, RBAC's switch in 2.15 and its default in 2.22), so
 * some rules need it. A version of a release line the release table does not have, or none at all, is
 * "unknown": rules then assume nothing version-dependent and ask for explicit settings instead.
 */
public final class WorkflowVersion implements Comparable<WorkflowVersion> {

    private static final Pattern SYNTAX = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+][0-9A-Za-z.-]+)?");
    public static final WorkflowVersion UNSET = new WorkflowVersion(null, 0, 0, 0);

    private final String text;
    private final int major;
    private final int minor;
    private final int patch;

    private WorkflowVersion(String text, int major, int minor, int patch) {
        this.text = text;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    /**
     * Parses `2.11.0`, `v2.11.0` or `2.11`; blank means unset.
     *
     * @throws IllegalArgumentException when the text is not a version at all
     */
    public static WorkflowVersion parse(String text) {
        if (text == null || text.isBlank()) {
            return UNSET;
        }
        Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Workflow version such as 2.11.0");
        }
        return new WorkflowVersion(
                text.trim(),
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
    }

    public boolean isSet() {
        return text != null;
    }

    /**
     * True for a version whose Helm chart facts the bundled release table has: a release of it, or a later patch
     * of a release line it has (see {@link WorkflowReleases#helmRelease}). A Helm Classic release (2.0 – 2.7)
     * is not known: it had no Helm values to check.
     */
    public boolean isKnown() {
        return isSet() && WorkflowReleases.bundled().helmRelease(this).isPresent();
    }

    /** Whether this known release is at least {@code 2.minor}; empty when the version is unknown. */
    public Optional<Boolean> atLeast(int minorOfTwo) {
        return isKnown() ? Optional.of(minor >= minorOfTwo) : Optional.empty();
    }

    /** True for a known release of teamhephy/workflow (2.19 on), as the release table records it. */
    public boolean isHephy() {
        return isSet()
                && WorkflowReleases.bundled()
                        .lookup(this)
                        .filter(match -> "hephy".equals(match.facts().line()))
                        .isPresent();
    }

    /** As the user wrote it, without a leading `v`; "unknown" when unset. */
    public String display() {
        if (!isSet()) {
            return "unknown";
        }
        return text.startsWith("v") ? text.substring(1) : text;
    }

    /** The release line, "2.21.x". */
    public String line() {
        return major + "." + minor + ".x";
    }

    public int minor() {
        return minor;
    }

    public int patch() {
        return patch;
    }

    /** Whether both are releases of the same 2.x line (2.11.0 and 2.11.5). */
    public boolean sameMinor(WorkflowVersion other) {
        return isSet() && other.isSet() && major == other.major && minor == other.minor;
    }

    /** Release order; an unset version sorts first. Pre-release and build suffixes are not compared. */
    @Override
    public int compareTo(WorkflowVersion other) {
        return Comparator.comparing((WorkflowVersion version) -> version.isSet())
                .thenComparingInt(version -> version.major)
                .thenComparingInt(version -> version.minor)
                .thenComparingInt(version -> version.patch)
                .compare(this, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkflowVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(isSet(), major, minor, patch);
    }

    @Override
    public String toString() {
        return display();
    }
}
