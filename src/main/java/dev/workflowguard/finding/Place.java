package dev.workflowguard.finding;

/**
 * One place that shows a finding, with the message worded for that place.
 *
 * @param location the file and line to change (or to look at, for a rendered object)
 * @param message what is wrong there and why it matters
 * @param valuesPath the Helm values path, for a finding in values; null otherwise
 * @param object the rendered object as `Kind/name`, for a finding in manifests; null otherwise
 */
public record Place(Location location, String message, String valuesPath, String object) {

    public static Place inValues(Location location, String valuesPath, String message) {
        return new Place(location, message, valuesPath, null);
    }

    public static Place inManifest(Location location, String object, String message) {
        return new Place(location, message, null, object);
    }
}
