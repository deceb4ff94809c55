package org.beelms.reference.db;

import java.util.UUID;

/** A row of {@code courses}; {@code currency} and {@code priceCents} are null for free courses. */
public record CourseRecord(UUID id, String title, String description, String language, String status, boolean paid,
    String currency, Integer priceCents, UUID categoryId) {
}
