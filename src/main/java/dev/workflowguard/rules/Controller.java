package dev.workflowguard.rules;

import dev.workflowguard.manifests.ObjectField;
import dev.workflowguard.manifests.ObjectMatch;

/** What the rules about the controller share: its registration mode, in values and in the render. */
final class Controller {

    static final ValuesKey REGISTRATION_MODE = ValuesKey.of("controller.registration_mode");
    static final String DEPLOYMENT = "deis-controller";
    static final String MODE_VARIABLE = "REGISTRATION_MODE";
    /** The controller's Deployment, reading the mode it was rendered with. */
    static final ObjectMatch MODE_IN_DEPLOYMENT =
            ObjectMatch.named("Deployment", DEPLOYMENT).reading(ObjectField.env(MODE_VARIABLE));

    private Controller() {}
}
