package org.beelms.plugin.image;

import java.util.OptionalInt;

/**
 * An image could not be built, pushed, copied or read. The message names what failed (registry,
 * repository, tag, file), the HTTP status when there was one, and what to do next; it never
 * contains a credential.
 */
public class ImageException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  public ImageException(String message, Throwable cause) {
    this(message, -1, cause);
  }

  public ImageException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** The registry's HTTP status, when the failure was an HTTP answer. */
  public OptionalInt httpStatus() {
    return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }
}
