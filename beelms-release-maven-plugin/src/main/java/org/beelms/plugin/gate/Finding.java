package org.beelms.plugin.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing a gate found.
 *
 * @param severity how serious it is
 * @param message what is wrong, in one sentence
 * @param where where it is: {@code file:line}, an endpoint such as {@code GET /api/courses}, or a
 *     setting such as {@code <branches> / -Dbeelms.scope-freeze.branches}; empty when nowhere
 * @param fix what to do about it; empty when the message says it already
 * @param checklistId the checklist item this finding proves or breaks (e.g. {@code DOD-A-3b6f04}),
 *     empty when none
 */
public record Finding(
    Severity severity, String message, String where, String fix, String checklistId) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    where = where == null ? "" : where;
    fix = fix == null ? "" : fix;
    checklistId = checklistId == null ? "" : checklistId;
  }

  public static Finding error(String message, String where, String fix) {
    return new Finding(Severity.ERROR, message, where, fix, "");
  }

  public static Finding warning(String message, String where, String fix) {
    return new Finding(Severity.WARNING, message, where, fix, "");
  }

  public static Finding info(String message, String where) {
    return new Finding(Severity.INFO, message, where, "", "");
  }

  public Finding withChecklistId(String id) {
    return new Finding(severity, message, where, fix, id);
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(newSeverity, message, where, fix, checklistId);
  }

  public Optional<String> whereIfAny() {
    return where.isEmpty() ? Optional.empty() : Optional.of(where);
  }
}
