package org.beelms.reference.db;

import java.util.List;
import java.util.UUID;

/** A wiki article in one language; {@code content} is null in lists. */
public record WikiArticleRecord(UUID id, String slug, String status, String language, String title, String content,
    String updatedAt, List<String> languages) {
}
