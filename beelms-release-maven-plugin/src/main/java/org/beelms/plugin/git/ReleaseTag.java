package org.beelms.plugin.git;

/**
 * A release tag: {@code name} as written in git (e.g. {@code v0.1.0}), its version, and the
 * commit it points at (peeled, for annotated tags).
 */
public record ReleaseTag(String name, SemanticVersion version, String commit) {}
