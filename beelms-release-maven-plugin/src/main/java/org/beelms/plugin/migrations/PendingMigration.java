package org.beelms.plugin.migrations;

/**
 * A migration the target database has not applied yet: what this release will apply there.
 *
 * @param version its version; empty for a repeatable migration
 * @param description its description
 * @param file its file name
 */
public record PendingMigration(String version, String description, String file) {}
