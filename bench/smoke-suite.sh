#!/usr/bin/env bash
# Benchmark of the smoke library: runs the full suite (standalone jar) against an already running
# reference beelms core and prints, per run, the process wall time (JVM start included), the
# number of HTTP requests, the time those requests took, and the gap between the two: the
# library's own overhead.
#
#   bench/smoke-suite.sh URL [RUNS]
#
# Start the server first, without rate limits so repeated runs are not throttled:
#   java -jar beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar \
#        --port 3000 --admin-password "$BEELMS_SMOKE_ADMIN_PASSWORD" --no-rate-limits
# Admin credentials (optional, enable the admin-backed checks) come from BEELMS_SMOKE_ADMIN_EMAIL
# and BEELMS_SMOKE_ADMIN_PASSWORD.
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?usage: bench/smoke-suite.sh URL [RUNS]}
runs=${2:-5}
jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar 2>/dev/null | head -n 1)
if [ -z "$jar" ]; then
  echo "no standalone jar: build it with ./mvnw -B -q install -pl beelms-smoke-tests -am -DskipTests" >&2
  exit 2
fi
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

printf '%-4s %10s %10s %9s %13s %12s\n' run wall_ms run_ms requests request_ms overhead_ms
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  out=$(java -jar "$jar" --url "$url" --report "$report/$i" 2>&1) || { echo "$out" >&2; exit 1; }
  end=$(date +%s%N)
  wall=$(( (end - start) / 1000000 ))
  line=$(grep '^Requests: ' <<<"$out")
  requests=$(awk '{print $2}' <<<"$line")
  request_ms=$(awk '{print $4}' <<<"$line")
  run_ms=$(awk '{print $8}' <<<"$line")
  printf '%-4s %10s %10s %9s %13s %12s\n' "$i" "$wall" "$run_ms" "$requests" "$request_ms" $(( wall - request_ms ))
done
