package org.beelms.plugin.migrations;

/**
 * Why a statement puts its migration in a class.
 *
 * @param safetyClass the class this statement alone implies
 * @param line the line of the migration file where the statement starts
 * @param statement the statement, shortened
 * @param why the rule that matched, in words
 */
public record SafetyReason(SafetyClass safetyClass, int line, String statement, String why) {}
