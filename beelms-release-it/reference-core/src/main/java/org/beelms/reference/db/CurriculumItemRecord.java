package org.beelms.reference.db;

import java.util.UUID;

/** One item of a course's curriculum: a wiki article, a task or a quiz, in {@code order}. */
public record CurriculumItemRecord(UUID id, UUID courseId, String itemType, String title, int order, String wikiSlug,
    UUID taskId, UUID quizId) {
}
