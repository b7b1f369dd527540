package dev.workflowguard.yaml;

/** The type Helm (Go yaml v2) gives a scalar. */
public enum HelmType {
    NULL,
    BOOL,
    INT,
    FLOAT,
    STRING
}
