#!/usr/bin/env bash
# Benchmark of the smoke library's browser tier (pages): runs it (standalone jar, headless Chromium)
# against an already running reference beelms core and prints, per run, the process wall time (JVM
# start included), the run's own time, the first page check (Chromium's start-up and DevTools
# connection included) and the other six page checks together.
#
#   bench/pages-tier.sh API_URL WEB_URL [RUNS]
#
# Start the server first, without rate limits so repeated runs are not throttled (each run
# registers one throwaway account and logs it in through the login form):
#   java -jar beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar \
#        --port 3918 --admin-password "$BEELMS_ADMIN_PASSWORD" --no-rate-limits
#   bench/pages-tier.sh http://127.0.0.1:3918/api http://127.0.0.1:3918/app 5
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?usage: bench/pages-tier.sh API_URL WEB_URL [RUNS]}
web=${2:?usage: bench/pages-tier.sh API_URL WEB_URL [RUNS]}
runs=${3:-5}
jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar 2>/dev/null | head -n 1)
if [ -z "$jar" ]; then
  echo "no standalone jar: build it with ./mvnw -B -q install -pl beelms-smoke-tests -am -DskipTests" >&2
  exit 2
fi
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

printf '%-4s %10s %10s %14s %13s\n' run wall_ms run_ms first_page_ms other_six_ms
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  out=$(java -jar "$jar" --url "$url" --suites pages -Dbeelms.smoke.webUrl="$web" --report "$report/$i" 2>&1) \
    || { echo "$out" >&2; exit 1; }
  end=$(date +%s%N)
  wall=$(( (end - start) / 1000000 ))
  run_ms=$(grep '^Requests: ' <<<"$out" | awk '{print $8}')
  # the report's Checks table: | name | status | N ms | detail |, in run order
  times=$(sed -n '/^## Checks/,/^## /p' "$report/$i/checklist-report.md" | grep ' Browser: ' \
    | awk -F'|' '{gsub(/[^0-9]/, "", $4); print $4}')
  first=$(head -n 1 <<<"$times")
  rest=$(tail -n +2 <<<"$times" | paste -sd+ | bc)
  printf '%-4s %10s %10s %14s %13s\n' "$i" "$wall" "$run_ms" "$first" "$rest"
done
