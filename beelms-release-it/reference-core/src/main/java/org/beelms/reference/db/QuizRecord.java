package org.beelms.reference.db;

import java.util.List;
import java.util.UUID;

/** A quiz with its questions (including the correct answers, which the API never sends). */
public record QuizRecord(UUID id, UUID courseId, String title, int passingScore, List<Question> questions) {

  /** One question; {@code correctOptionIndex} is 0-based into {@code options}. */
  public record Question(UUID id, String text, List<String> options, int correctOptionIndex) {
  }
}
