package org.beelms.reference.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;

/** The slow fault for every API answer (including unknown routes): a fixed delay before matching. */
@PreMatching
final class SlowResponsesFilter implements ContainerRequestFilter {

  private final Duration delay;

  SlowResponsesFilter(Duration delay) {
    this.delay = delay;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    pause(delay);
  }

  /** Sleeps for the injected delay; this is the fault itself, bounded by configuration (at most 60 s). */
  static void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
