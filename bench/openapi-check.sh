#!/usr/bin/env bash
# Benchmark of beelms:openapi-check on generated projects: a spec of N operations (~40 lines each)
# against N/2.5 compiled JAX-RS resource classes and N/2.5 NestJS controllers. Each row runs in a
# fresh JVM: "first" is the cold cost one Maven build pays (class loading included), "median" the
# warm cost over 10 further runs. Usage: bench/openapi-check.sh [sizes...] (default 25 50 100 200 400)
# Figures and how they grow: docs/goals/openapi-check.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE=beelms-release-maven-plugin
CP_FILE="$MODULE/target/bench-openapi.classpath"
./mvnw -B -q -f "$MODULE/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
# Snapshot the compiled classes so a concurrent build of the module cannot pull them away mid-run.
SNAPSHOT="$MODULE/target/bench-openapi-classes"
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT"
cp -r "$MODULE/target/classes" "$SNAPSHOT/main" && cp -r "$MODULE/target/test-classes" "$SNAPSHOT/test"
CLASSPATH_ARG="$SNAPSHOT/main:$SNAPSHOT/test:$(cat "$CP_FILE")"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(25 50 100 200 400); fi
header=""
for source in jaxrs nestjs; do
  for size in "${sizes[@]}"; do
    java -cp "$CLASSPATH_ARG" org.beelms.plugin.openapi.OpenApiCheckBenchmark \
      --source "$source" $header "$size" 2> >(grep -v "^SLF4J" >&2)
    header="--no-header"
  done
done
