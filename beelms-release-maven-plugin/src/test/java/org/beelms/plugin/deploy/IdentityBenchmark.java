package org.beelms.plugin.deploy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentitySettings;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/**
 * Times a staging deploy of the reference core with {@code identity=health} (health reports the
 * version) against {@code identity=command} (health answers {@code {"status":"ok"}} only, the
 * {@code <identityCommand>} {@code cat}s the image reference the reference core writes once it
 * runs, {@code --running-file}): promotion on the loopback registry, a deploy hook that restarts
 * the reference core jar (its own embedded PostgreSQL), the health and identity wait, the record.
 * Post-deploy smoke is not run (the same for both; timed in docs/benchmarks.md). Also times one
 * identity look alone. Not a test; nothing asserts on time.
 *
 * <p>Run with bench/identity.sh; {@code -Dbench.runs} (default 3) deploys per mode, alternating,
 * best and median reported.
 */
public final class IdentityBenchmark {

  private IdentityBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 3);
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createTempDirectory("beelms-identity-bench-");
    try (LoopbackRegistry registry = LoopbackRegistry.start();
        DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
      List<ReleaseRecord> releases = List.of(world.release("0.1.0"), world.release("0.1.1"));
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      Path hook = work.resolve("hook.sh");
      Files.writeString(hook, """
          #!/bin/sh
          set -eu
          dir="$(dirname "$0")"
          if [ -f "$dir/server.pid" ]; then
            pid=$(cat "$dir/server.pid"); kill "$pid" 2>/dev/null || true
            i=0; while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
            kill -9 "$pid" 2>/dev/null || true
          fi
          nohup java -jar '%s' --port %d --version "$VERSION" --admin-password bench-admin-pass-1 "$@" \\
            > "$dir/server.log" 2>&1 &
          echo $! > "$dir/server.pid"
          """.formatted(jar, port), StandardCharsets.UTF_8);
      Path running = work.resolve("running");
      String url = "http://127.0.0.1:" + port + "/api";
      Environment healthEnv = Environment.declared("staging", url, "", "staging", "staging", "", "", "", Map.of(),
          "sh '" + hook + "'", "", "smoke");
      Environment commandEnv = Environment.declared("staging", url, "", "staging", "staging", "", "", "", Map.of(),
          "sh '" + hook + "' --health-without-version --running-file '" + running + "' --running-image \"$IMAGE_REFERENCE\"",
          "", "smoke");
      IdentitySettings command = IdentitySettings.declared("<environments>/<environment> 'staging'",
          healthEnv.url(), "command", null, null, null, "cat '" + running + "'");
      List<Long> healthMs = new ArrayList<>();
      List<Long> commandMs = new ArrayList<>();
      System.out.println("run  mode     deploy_ms  wait_ms");
      int i = 0;
      for (int run = 0; run <= runs; run++) {
        for (boolean useCommand : new boolean[] {false, true}) {
          ReleaseRecord release = releases.get(i++ % 2);
          Environment env = useCommand ? commandEnv : healthEnv;
          long t0 = System.nanoTime();
          Deployment deployment = new Deployment(world.deploySettings(env, release.tag(), null), world.records(),
              world.rollout(Duration.ofMinutes(3), useCommand ? command : IdentitySettings.HEALTH));
          GateResult result = deployment.check(ReleaseListener.NONE);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          if (result.status() != GateStatus.PASSED) {
            throw new IllegalStateException("deploy failed: " + result.findings());
          }
          String waited = result.findings().stream().map(f -> f.message())
              .filter(m -> m.contains(" after ") && m.contains("identity:")).findFirst().orElse("");
          String waitMs = waited.replaceAll(".* after (\\d+) ms.*", "$1");
          System.out.printf(Locale.ROOT, "%-4s %-8s %9d  %7s%s%n", run == 0 ? "warm" : String.valueOf(run),
              useCommand ? "command" : "health", ms, waitMs, run == 0 ? " (warm-up, not counted)" : "");
          if (run > 0) {
            (useCommand ? commandMs : healthMs).add(ms);
          }
        }
      }
      long lookNanos = Long.MAX_VALUE;
      IdentityCheck check = new IdentityCheck(command,
          new HookRunner(work, work.resolve("hooks"), Duration.ofSeconds(30)).identityCommands("bench-identity"));
      for (int n = 0; n < 20; n++) {
        long t = System.nanoTime();
        check.look(Rollout.identityOf(releases.get(1)), "", Map.of(), Duration.ofSeconds(5));
        lookNanos = Math.min(lookNanos, System.nanoTime() - t);
      }
      System.out.printf(Locale.ROOT, "health:  best %d ms, median %d ms%n", Collections.min(healthMs), median(healthMs));
      System.out.printf(Locale.ROOT, "command: best %d ms, median %d ms%n", Collections.min(commandMs), median(commandMs));
      System.out.printf(Locale.ROOT, "command - health: best %+d ms, median %+d ms; one identity look (cat): best %d ms%n",
          Collections.min(commandMs) - Collections.min(healthMs), median(commandMs) - median(healthMs),
          lookNanos / 1_000_000);
      new ProcessBuilder("sh", "-c", "kill $(cat '" + work.resolve("server.pid") + "') 2>/dev/null || true")
          .inheritIO().start().waitFor();
    } finally {
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
