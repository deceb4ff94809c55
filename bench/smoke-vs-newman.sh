#!/usr/bin/env bash
# The smoke tier (standalone jar) against a Postman collection of the same WS-1..WS-3 items run by Newman, on the
# same running reference core: interleaved runs (smoke, newman, smoke, newman, ...), process wall time of each, the
# best of N per tool, and the ratio smoke / newman (target: <= 1.0). Also prints the best `--suites ops` wall time.
#
#   bench/smoke-vs-newman.sh URL [RUNS] [JAR...]
#
# URL is the API (e.g. http://127.0.0.1:3000/api). Newman 6.2.2 is installed from npm into target/newman on first use
# (node >= 16 needed). Extra JAR arguments are compared too (e.g. a jar of an earlier build): each gets its own line.
# Start the server first, without rate limits so repeated runs are not throttled (each smoke and Newman run
# registers one account):
#   BEELMS_ADMIN_PASSWORD=... java -jar beelms-release-it/reference-core/target/beelms-reference-core-*-runnable.jar \
#        --port 3000 --no-rate-limits
# Figures depend on the machine's load: run it on a quiet machine, or state the load (printed) with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?usage: bench/smoke-vs-newman.sh URL [RUNS] [JAR...]}
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  jar=$(ls beelms-smoke-tests/target/beelms-smoke-tests-*-standalone.jar 2>/dev/null | grep -v sources | head -n 1 || true)
  if [ -z "$jar" ]; then
    echo "no standalone jar: build it with ./mvnw -B -q install -pl beelms-smoke-tests -am -DskipTests" >&2
    exit 2
  fi
  jars=("$jar")
fi

newman_dir=target/newman
newman=$newman_dir/node_modules/.bin/newman
if [ ! -x "$newman" ] || [ "$("$newman" --version)" != "6.2.2" ]; then
  echo "installing newman 6.2.2 into $newman_dir" >&2
  mkdir -p "$newman_dir"
  npm install --silent --no-audit --no-fund --prefix "$newman_dir" newman@6.2.2 >&2
fi
collection=bench/newman/ws-smoke.postman_collection.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run_one NAME COMMAND...: runs it (the benchmark stops when it fails) and appends its wall and CPU (user + system)
# milliseconds to $work/NAME.wall and $work/NAME.cpu. CPU time is the figure that survives a loaded machine.
run_one() {
  local name=$1; shift
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > "$work/out" 2>&1; then
    cat "$work/out" >&2
    echo "$name failed (above): fix the target or the tool before comparing times" >&2
    exit 1
  fi
  awk '{ printf "%d\n", $1 * 1000 }' "$work/time" >> "$work/$name.wall"
  awk '{ printf "%d\n", ($2 + $3) * 1000 }' "$work/time" >> "$work/$name.cpu"
  echo "$name wall $(tail -n 1 "$work/$name.wall") ms, cpu $(tail -n 1 "$work/$name.cpu") ms, load $(cut -d' ' -f1 /proc/loadavg)" >&2
}

best() { sort -n "$work/$1" | head -n 1; }

for i in $(seq 1 "$runs"); do
  run_one newman "$newman" run "$collection" --env-var "baseUrl=$url" --reporters cli --reporter-cli-no-banner \
      --reporter-cli-no-summary --reporter-cli-no-success-assertions --silent
  for j in "${!jars[@]}"; do
    run_one "smoke$j" java -jar "${jars[$j]}" --url "$url" --report "$work/report"
    run_one "ops$j" java -jar "${jars[$j]}" --url "$url" --suites ops --report "$work/report"
  done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, best of $runs interleaved runs"
printf '%-52s %8s %8s %7s  %s\n' run wall_ms cpu_ms ratio "all wall ms"
nm=$(best newman.wall)
printf '%-52s %8s %8s %7s  %s\n' "newman 6.2.2 (21 requests)" "$nm" "$(best newman.cpu)" 1.00 "$(paste -sd, "$work/newman.wall")"
for j in "${!jars[@]}"; do
  sm=$(best "smoke$j.wall")
  printf '%-52s %8s %8s %7s  %s\n' "smoke tier $(basename "${jars[$j]}")" "$sm" "$(best "smoke$j.cpu")" \
      "$(awk -v a="$sm" -v b="$nm" 'BEGIN { printf "%.2f", a / b }')" "$(paste -sd, "$work/smoke$j.wall")"
  printf '%-52s %8s %8s %7s  %s\n' "--suites ops $(basename "${jars[$j]}")" "$(best "ops$j.wall")" \
      "$(best "ops$j.cpu")" - "$(paste -sd, "$work/ops$j.wall")"
done
