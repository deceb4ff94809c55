package org.beelms.reference.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Path ids: a value that is not a UUID cannot name anything, so it is a 404 like an unknown id, never a 5xx. */
final class Ids {

  private static final Pattern UUID_TEXT =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Ids() {
  }

  static UUID parse(String value, String notFoundMessage) {
    if (value == null || !UUID_TEXT.matcher(value).matches()) {
      throw ApiException.notFound(notFoundMessage);
    }
    return UUID.fromString(value);
  }
}
