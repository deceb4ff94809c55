package org.beelms.reference.db;

import java.util.List;

/** One page of rows and the number of rows over all pages (sent as {@code X-Total-Count}). */
public record Page<T>(List<T> items, long total) {
}
