package org.beelms.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The platform of the deploy and rollback ITs, simulated: a {@code <deployCommand>} script that
 * stops the environment's reference core and starts the deployed version's (its own embedded
 * PostgreSQL, {@code --version} = the released version) on the environment's port, and returns
 * once it is started. A file {@code fault-<env>} (every version) or {@code fault-<env>-<version>}
 * next to it makes that start a broken build (its text: the route {@code --fault-500} breaks;
 * health stays green). Each call is appended to {@code hook-calls.txt}: action, environment, tag,
 * image reference. Arguments after the port are passed to the reference core (e.g. its identity
 * switches, {@code --health-without-version}); the deployed version is written to {@code
 * version-<env>} once started, for the next deploy's {@code --previous-version}.
 */
final class ReferenceDeployHook {

  private ReferenceDeployHook() {
  }

  /** Writes {@code deploy-hook.sh} into {@code dir}; call it as {@code sh '<path>' <port> [reference core flags…]}. */
  static Path write(Path dir) throws IOException {
    Path hook = dir.resolve("deploy-hook.sh");
    Files.writeString(hook, """
        #!/bin/sh
        set -eu
        dir="$(dirname "$0")"
        port="$1"
        shift
        pidfile="$dir/server-$ENVIRONMENT.pid"
        if [ -f "$pidfile" ]; then
          pid=$(cat "$pidfile")
          kill "$pid" 2>/dev/null || true
          i=0
          while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
          kill -9 "$pid" 2>/dev/null || true
          rm -f "$pidfile"
        fi
        echo "$BEELMS_ACTION $ENVIRONMENT $TAG $IMAGE_REFERENCE" >> "$dir/hook-calls.txt"
        fault=""
        if [ -f "$dir/fault-$ENVIRONMENT-$VERSION" ]; then fault="$dir/fault-$ENVIRONMENT-$VERSION"; fi
        if [ -f "$dir/fault-$ENVIRONMENT" ]; then fault="$dir/fault-$ENVIRONMENT"; fi
        if [ -n "$fault" ]; then
          nohup java -jar "$REFERENCE_JAR" --port "$port" --version "$VERSION" --no-rate-limits \\
            --fault-500 "$(cat "$fault")" "$@" > "$dir/server-$ENVIRONMENT.log" 2>&1 &
        else
          nohup java -jar "$REFERENCE_JAR" --port "$port" --version "$VERSION" --no-rate-limits \\
            "$@" > "$dir/server-$ENVIRONMENT.log" 2>&1 &
        fi
        echo $! > "$pidfile"
        echo "$VERSION" > "$dir/version-$ENVIRONMENT"
        """, StandardCharsets.UTF_8);
    return hook;
  }

  /** The reference core's runnable jar, for the hook's {@code REFERENCE_JAR}. */
  static Path referenceJar() throws IOException {
    try (Stream<Path> files = Files.list(DemoProject.REFERENCE_CORE.resolve("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("beelms-reference-core-.*-runnable\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "the reference core's runnable jar is missing; build it with ./mvnw -pl"
                  + " beelms-release-it/reference-core -am install"))
          .toAbsolutePath();
    }
  }

  /**
   * Stops the servers the hook started for {@code environments} in {@code dir} (their {@code
   * server-<env>.pid}), at most 10 s each before they are killed.
   */
  static void stopServers(Path dir, java.util.List<String> environments) throws IOException {
    for (String env : environments) {
      Path pid = dir.resolve("server-" + env + ".pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
          p.destroy();
          p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
            p.destroyForcibly();
            return p;
          }).join();
        });
      }
    }
  }

  /** Deletes {@code dir} and everything below it. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Runs Maven in {@code project} with {@code args} as the deploy ITs do: the settings in {@code
   * work} (the admin account), plain HTTP to the loopback registry, the hook's {@code REFERENCE_JAR},
   * the actor {@code it-runner}; fails when the admin password shows in the log.
   */
  static MavenBuild.Result maven(Path project, Path work, java.util.List<String> args) throws IOException, InterruptedException {
    java.util.List<String> all = new java.util.ArrayList<>(args);
    all.addAll(java.util.List.of("-s", work.resolve("settings.xml").toString(), "-Dbeelms.image.allowInsecureRegistries=true"));
    MavenBuild.Result build = MavenBuild.in(project)
        .args(all.toArray(String[]::new))
        .env("BEELMS_ADMIN_PASSWORD", ReferenceServer.ADMIN_PASSWORD)
        .env("REFERENCE_JAR", referenceJar().toString())
        .env("BEELMS_DEPLOY_ACTOR", "it-runner")
        .run();
    org.junit.jupiter.api.Assertions.assertFalse(build.log().contains(ReferenceServer.ADMIN_PASSWORD), "a password was logged");
    return build;
  }

  /** A free loopback port for an environment's server. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
