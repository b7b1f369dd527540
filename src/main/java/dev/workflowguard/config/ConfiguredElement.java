package dev.workflowguard.config;

/**
 * An element the user wrote directly inside a goal's {@code <configuration>}.
 *
 * @param name the element's name
 * @param where where it is written, as messages show it ({@code pom.xml:12:9}, or the POM's name)
 * @param inExecution true inside an {@code <execution>}, which configures this goal alone; false at plugin level,
 *     which every goal of the plugin shares
 */
public record ConfiguredElement(String name, String where, boolean inExecution) {}
