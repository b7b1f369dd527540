package dev.workflowguard.render;

/** A chart that cannot be read or rendered; the message carries Helm's own words and the template location. */
public class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderException(String message) {
        super(message);
    }
}
