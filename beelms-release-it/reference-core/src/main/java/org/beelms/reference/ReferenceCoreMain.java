package org.beelms.reference;

import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: starts the reference core, prints its URL, and stops cleanly on SIGTERM or
 * Ctrl-C. Exit code 2 for bad flags or configuration, 1 when it cannot start.
 */
public final class ReferenceCoreMain {

  private ReferenceCoreMain() {
  }

  public static void main(String[] args) {
    ReferenceCoreConfig config;
    DataOptions data;
    try {
      data = DataOptions.extract(args);
      config = CommandLine.parse(data.remaining(), System.getenv());
    } catch (CommandLine.HelpRequested help) {
      System.out.print(CommandLine.USAGE + DataOptions.USAGE);
      return;
    } catch (CommandLine.UsageException e) {
      System.err.println("beelms-reference-core: " + e.getMessage());
      System.err.println("Run with --help for the flags.");
      System.exit(2);
      return;
    }
    RunningReferenceCore running;
    try {
      running = ReferenceCore.start(config, data);
    } catch (RuntimeException e) {
      System.err.println("beelms-reference-core could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "beelms-shutdown"));
    System.out.println("beelms reference core " + config.version() + " API: " + running.apiUri()
        + "  pages: " + running.baseUri() + "/wiki");
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
