package org.beelms.reference.api;

import java.util.List;

/** {@code page} (1-based, default 1) and {@code pageSize} (1..100, default 20) query parameters; 400 when invalid. */
record Paging(int page, int pageSize) {

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  static Paging of(String page, String pageSize) {
    return new Paging(parse("page", page, 1, Integer.MAX_VALUE, 1),
        parse("pageSize", pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE));
  }

  int offset() {
    return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * pageSize);
  }

  private static int parse(String name, String value, int min, int max, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiException.validation(List.of(name + " must be an integer between " + min + " and " + max));
  }
}
