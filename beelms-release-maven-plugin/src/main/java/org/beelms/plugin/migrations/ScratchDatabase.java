package org.beelms.plugin.migrations;

/**
 * A throwaway place to migrate into: a database of its own (embedded server) or a schema of its
 * own (a given JDBC database). {@link ScratchDatabases#close()} drops every one it made.
 *
 * @param connection how to reach it
 * @param schema the schema Flyway migrates and the snapshot reads
 * @param purpose what it is for ({@code fresh}, {@code upgrade}), for messages
 */
public record ScratchDatabase(JdbcTarget connection, String schema, String purpose) {}
