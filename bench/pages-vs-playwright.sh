#!/usr/bin/env bash
# The browser tier (pages) against a peer: the same seven page checks written in Playwright
# (bench/playwright/pages.mjs, playwright-core from the npm registry driving Debian's
# /usr/bin/chromium; no browser is downloaded). Both do one registration and one enrolment
# through the API, then the seven pages, the login through the form, a screenshot each. Runs
# interleaved (ours, Playwright, ours, ...), prints each run's wall time (process start to exit)
# and the best of each with the ratio ours / Playwright.
#
#   bench/pages-vs-playwright.sh API_URL WEB_URL [RUNS]
#
# Start the server first, without rate limits (each run registers an account):
#   java -jar beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar \
#        --port 3918 --admin-password "$BEELMS_ADMIN_PASSWORD" --no-rate-limits
#   bench/pages-vs-playwright.sh http://127.0.0.1:3918/api http://127.0.0.1:3918/app 3
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?usage: bench/pages-vs-playwright.sh API_URL WEB_URL [RUNS]}
web=${2:?usage: bench/pages-vs-playwright.sh API_URL WEB_URL [RUNS]}
runs=${3:-3}
jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar 2>/dev/null | head -n 1)
if [ -z "$jar" ]; then
  echo "no standalone jar: build it with ./mvnw -B -q install -pl beelms-smoke-tests -am -DskipTests" >&2
  exit 2
fi
if [ ! -d bench/playwright/node_modules/playwright-core ]; then
  (cd bench/playwright && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
best_ours=; best_pw=
printf '%-4s %12s %15s\n' run ours_ms playwright_ms
for i in $(seq 1 "$runs"); do
  start=$(ms)
  java -jar "$jar" --url "$url" --suites pages -Dbeelms.smoke.webUrl="$web" --report "$work/ours-$i" \
    >"$work/ours-$i.log" 2>&1 || { cat "$work/ours-$i.log" >&2; exit 1; }
  ours=$(( $(ms) - start ))
  mkdir -p "$work/pw-$i"
  start=$(ms)
  node bench/playwright/pages.mjs "$url" "$web" "$work/pw-$i" >"$work/pw-$i.log" 2>&1 \
    || { cat "$work/pw-$i.log" >&2; exit 1; }
  pw=$(( $(ms) - start ))
  printf '%-4s %12s %15s\n' "$i" "$ours" "$pw"
  if [ -z "$best_ours" ] || [ "$ours" -lt "$best_ours" ]; then best_ours=$ours; fi
  if [ -z "$best_pw" ] || [ "$pw" -lt "$best_pw" ]; then best_pw=$pw; fi
done
printf 'best %12s %15s  ratio %s\n' "$best_ours" "$best_pw" "$(echo "scale=2; $best_ours / $best_pw" | bc)"
