#!/usr/bin/env bash
# Benchmark of deploy's identity check: a staging deploy of the reference core (loopback registry,
# a deploy hook restarting the reference core jar, the health and identity wait, the record; no
# smoke) with identity=health (health reports the version) vs identity=command (health answers
# {"status":"ok"} only, the <identityCommand> reads the image reference the core writes once it
# runs). Alternating, BENCH_RUNS deploys per mode (default 3) after one warm-up each; best and
# median. Needs the reference core's runnable jar (./mvnw -pl beelms-release-it/reference-core
# -am install -DskipTests). Usage: bench/identity.sh   Figures: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-identity.classpath"
jar=$(ls beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar | head -n 1)
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
# Snapshot the compiled classes so a concurrent build of the module cannot pull them away mid-run.
SNAPSHOT="$MODULE/target/bench-identity-classes"
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT"
cp -r "$MODULE/target/classes" "$SNAPSHOT/main" && cp -r "$MODULE/target/test-classes" "$SNAPSHOT/test"
java -Dbench.runs="${BENCH_RUNS:-3}" -cp "$SNAPSHOT/main:$SNAPSHOT/test:$(cat "$CP_FILE")" \
  org.beelms.plugin.deploy.IdentityBenchmark "$jar" 2> >(grep -v "^SLF4J" >&2)
