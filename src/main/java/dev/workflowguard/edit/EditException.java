package dev.workflowguard.edit;

/** An edit that cannot be made safely; the file is then left exactly as it was. */
public class EditException extends Exception {

    private static final long serialVersionUID = 1L;

    public EditException(String message) {
        super(message);
    }
}
