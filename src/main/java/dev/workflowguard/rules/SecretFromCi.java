package dev.workflowguard.rules;

/**
 * How a secret the repository must not hold reaches both the deploy and this build: from the CI's secrets, given to
 * Helm with `--set` and to the check with `-Dworkflow.set`, which masks it in the log, every report and the diff.
 * Without the second, the check cannot see the password the deploy will use, and keeps reporting the default.
 */
final class SecretFromCi {

    private SecretFromCi() {}

    /** The two places to pass the value of {@code key} (the key the detected release's chart reads). */
    static String remedy(String key) {
        return "pass it with `--set " + key + "=…` when Helm deploys, and with `-Dworkflow.set=" + key
                + "=…` so that this build sees it";
    }
}
