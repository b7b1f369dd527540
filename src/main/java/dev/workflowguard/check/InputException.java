package dev.workflowguard.check;

import dev.workflowguard.secrets.SecretMask;

/**
 * A configuration or input problem: nothing configured, a missing or unreadable file, YAML that
 * cannot be read. The message names the file (with line and column when known) and the parameter
 * through which it was configured; it is meant to be shown as is, without a stack trace.
 */
public class InputException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String problem;

    public InputException(String message, String parameter) {
        super(parameter == null ? message : message + " [parameter " + parameter + "]");
        this.parameter = parameter;
        this.problem = message;
    }

    /** The same error with any known secret masked out of its words. */
    public InputException masked(SecretMask secrets) {
        return new InputException(secrets.mask(problem), parameter);
    }

    /** The POM parameter and user property concerned, e.g. "valuesFiles / workflow.values", or null. */
    public String parameter() {
        return parameter;
    }
}
