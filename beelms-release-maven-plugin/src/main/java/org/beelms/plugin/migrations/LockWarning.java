package org.beelms.plugin.migrations;

/**
 * A statement that takes a heavy lock or rewrites a table that already holds production data.
 *
 * @param line the line of the migration file where the statement starts
 * @param statement the statement, shortened
 * @param why what it locks and for how long
 * @param fix the lock-friendly way to write it
 */
public record LockWarning(int line, String statement, String why, String fix) {}
