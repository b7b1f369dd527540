package dev.workflowguard.rules;

import dev.workflowguard.finding.Location;
import dev.workflowguard.finding.ManifestFix;
import dev.workflowguard.finding.Place;
import dev.workflowguard.finding.ProposedFix;
import dev.workflowguard.finding.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects one rule's observations and folds those with the same cause into one finding with
 * several places, so a value set in a values file and visible in a rendered object is counted once.
 */
public final class RuleFindings {

    /** One cause, the places seen so far, and what the rule said about fixing and severity. */
    public static final class Pending {
        private final String cause;
        private final List<Place> places = new ArrayList<>();
        /** The locations of {@code places}, so that a cause seen at many places is not searched place by place. */
        private final Set<Location> locations = new HashSet<>();
        /** Messages and object names already used by a place of this cause, to share their copies. */
        private final Map<String, String> words = new HashMap<>();

        private ProposedFix fix;
        private final List<ManifestFix> manifestFixes = new ArrayList<>();
        private Severity severityHint;
        private boolean placeWithoutHint;
        /** Only the first rendered place counts (see {@link RuleFindings#reportFirstInManifests}). */
        private boolean firstInManifestsOnly;
        /** Whether a place in a rendered object is among {@code places}, kept rather than searched for. */
        private boolean hasManifestPlace;

        Pending(String cause) {
            this.cause = cause;
        }

        public String cause() {
            return cause;
        }

        public List<Place> places() {
            return places;
        }

        public ProposedFix fix() {
            return fix;
        }

        public List<ManifestFix> manifestFixes() {
            return manifestFixes;
        }

        /**
         * A severity the rule asks for instead of its default (e.g. a warning when the version is unknown); null
         * when any place was reported without one, since that place shows the cause at the default severity.
         */
        public Severity severityHint() {
            return placeWithoutHint ? null : severityHint;
        }
    }

    private final Map<String, Pending> byCause = new LinkedHashMap<>();

    public void report(String cause, Place place) {
        report(cause, place, null, null);
    }

    public void report(String cause, Place place, ProposedFix fix) {
        report(cause, place, fix, null);
    }

    /**
     * Records a place showing the cause.
     *
     * @param fix the edit that removes the cause, or null
     * @param severityHint a severity other than the rule's default for this cause, or null; it applies only when
     *     every place of the cause asks for it
     */
    public void report(String cause, Place place, ProposedFix fix, Severity severityHint) {
        Pending pending = pendingFor(cause);
        add(pending, place);
        if (pending.fix == null) {
            pending.fix = fix;
        }
        if (severityHint != null) {
            pending.severityHint = severityHint;
        } else {
            pending.placeWithoutHint = true;
        }
    }

    /**
     * Records the one rendered place that stands for a cause of the whole set of manifests (the
     * first object that shows it), not one place per object: when manifests checked file by file
     * are joined, only the first file's place is kept, as if they had been checked as one set.
     */
    public void reportFirstInManifests(String cause, Place place) {
        Pending pending = pendingFor(cause);
        pending.firstInManifestsOnly = true;
        if (!pending.hasManifestPlace) {
            report(cause, place);
        }
    }

    /** Records a rendered object showing the cause, with the edit that corrects it in place (or null). */
    public void report(String cause, Place place, ManifestFix fix) {
        report(cause, place, null, null);
        if (fix != null) {
            byCause.get(cause).manifestFixes.add(fix);
        }
    }

    /** The cause's collection, created on its first report. */
    private Pending pendingFor(String cause) {
        return byCause.computeIfAbsent(cause, Pending::new);
    }

    /** Adds a place not yet at one of the cause's locations: joining many files' places stays linear. */
    private static void add(Pending pending, Place place) {
        if (pending.locations.add(place.location())) {
            pending.places.add(shared(pending, place));
            pending.hasManifestPlace |= place.object() != null;
        }
    }

    /**
     * The place with its message and object name shared with an earlier place's equal ones: a cause
     * seen in a thousand clusters' renders is worded the same a thousand times, and those copies
     * would be most of what a large check keeps in memory (ScaleBenchmark#manifests: without this, the
     * heap a check retains grows by about 58% from 10,000 to 100,000 documents instead of 17%).
     */
    private static Place shared(Pending pending, Place place) {
        String message = sharedText(pending.words, place.message());
        String object = place.object() == null ? null : sharedText(pending.words, place.object());
        return message == place.message() && object == place.object()
                ? place
                : new Place(place.location(), message, place.valuesPath(), object);
    }

    /** The earlier equal copy of the text, or the text itself when it is the first. */
    private static String sharedText(Map<String, String> words, String text) {
        String earlier = words.putIfAbsent(text, text);
        return earlier != null ? earlier : text;
    }

    /**
     * Adds what the same rule found in another part of the inputs (another manifest file), after
     * what is here: causes already here gain the new places, the first fix stays, manifest fixes
     * add up; as if the rule had reported everything to this collection.
     */
    public void addAll(RuleFindings other) {
        for (Pending theirs : other.byCause.values()) {
            Pending mine = pendingFor(theirs.cause);
            mine.firstInManifestsOnly |= theirs.firstInManifestsOnly;
            for (Place place : theirs.places) {
                if (!(mine.firstInManifestsOnly && place.object() != null && mine.hasManifestPlace)) {
                    add(mine, place);
                }
            }
            if (mine.fix == null) {
                mine.fix = theirs.fix;
            }
            mine.manifestFixes.addAll(theirs.manifestFixes);
            if (theirs.severityHint != null) {
                mine.severityHint = theirs.severityHint;
            }
            mine.placeWithoutHint |= theirs.placeWithoutHint;
        }
    }

    public List<Pending> pending() {
        return List.copyOf(byCause.values());
    }

    public boolean isEmpty() {
        return byCause.isEmpty();
    }
}
