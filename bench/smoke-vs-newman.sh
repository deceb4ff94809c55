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
#
# Each jar runs twice per round: as a new user starts it (java -jar: the jar's launcher starts a second JVM with C1
# only, the serial GC and its class-data archive) and with --in-process (one JVM, the JDK's default options). The
# archive is recorded into a throwaway cache directory by one untimed run of each jar first (its time is printed:
# what the first run on a machine costs).
# BENCH_MAVEN=1 also times `mvn beelms:smoke` (smoke tier) in a throwaway project using the plugin installed in the
# local repository (MAVEN_REPO, default ~/.m2/repository; build it first: ./mvnw install -pl beelms-release-maven-plugin -am -DskipTests).
# MAVEN_REPO may list several repositories separated by ':' (e.g. a copy holding an earlier build of the plugin): each
# gets its own row.
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
export BEELMS_SMOKE_CACHE_DIR=$work/cache

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
  cut -d' ' -f1 /proc/loadavg >> "$work/$name.load"
  # the runner's own figures: "Requests: N taking X ms of a Y ms run, in flight for Z ms" -> Y - Z: the run's time
  # with no request in flight (start-up, discovery, its own code, reports). Not Y - X: requests sent at once (parallel
  # checks, the rate-limit probe's burst) each count their whole time in X, which can exceed the run.
  sed -n 's/^Requests: [0-9]* taking [0-9]* ms of a \([0-9]*\) ms run, in flight for \([0-9]*\) ms$/\1 \2/p' "$work/out" \
      | awk '{ print $1 - $2 }' >> "$work/$name.over"
}

maven_repos=()
if [ "${BENCH_MAVEN:-0}" = 1 ]; then
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
  mkdir -p "$work/mvn"
  cat > "$work/mvn/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>smoke-bench</artifactId><version>1</version><packaging>pom</packaging>
  <build><plugins><plugin>
    <groupId>org.beelms</groupId><artifactId>beelms-release-maven-plugin</artifactId><version>$version</version>
    <configuration><environments><environment>
      <name>bench</name><url>$url</url><mode>staging</mode>
    </environment></environments></configuration>
  </plugin></plugins></build>
</project>
POM
  IFS=: read -r -a maven_repos <<< "${MAVEN_REPO:-$HOME/.m2/repository}"
fi

best() { sort -n "$work/$1" | head -n 1; }

for j in "${!jars[@]}"; do
  run_one "first$j" java -jar "${jars[$j]}" --url "$url" --report "$work/report"
done

for i in $(seq 1 "$runs"); do
  run_one newman "$newman" run "$collection" --env-var "baseUrl=$url" --reporters cli --reporter-cli-no-banner \
      --reporter-cli-no-summary --reporter-cli-no-success-assertions --silent
  for j in "${!jars[@]}"; do
    run_one "smoke$j" java -jar "${jars[$j]}" --url "$url" --report "$work/report"
    run_one "ops$j" java -jar "${jars[$j]}" --url "$url" --suites ops --report "$work/report"
    if java -jar "${jars[$j]}" --help | grep -q -- --in-process; then # jars before the launcher run in one JVM anyway
      run_one "inproc$j" java -jar "${jars[$j]}" --in-process --url "$url" --report "$work/report"
      run_one "inprocops$j" java -jar "${jars[$j]}" --in-process --url "$url" --suites ops --report "$work/report"
    fi
  done
  for r in "${!maven_repos[@]}"; do
    run_one "maven$r" "$PWD/mvnw" -B -q -o -f "$work/mvn/pom.xml" -Dmaven.repo.local="${maven_repos[$r]}" \
        "org.beelms:beelms-release-maven-plugin:$version:smoke" -Dtarget=bench
  done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, best of $runs interleaved runs"
printf '%-52s %8s %8s %7s %9s  %s\n' run wall_ms cpu_ms ratio no-req_ms "all wall ms (load average at each)"
nm=$(best newman.wall)
# all NAME: every wall time with the load average it ran at, e.g. 5120@2.31,4980@1.87
all() { paste -d@ "$work/$1.wall" "$work/$1.load" | paste -sd, ; }
row() { # row LABEL NAME WITH_RATIO
  local w; w=$(best "$2.wall")
  printf '%-52s %8s %8s %7s %9s  %s\n' "$1" "$w" "$(best "$2.cpu")" \
      "$([ "$3" = 1 ] && awk -v a="$w" -v b="$nm" 'BEGIN { printf "%.2f", a / b }' || echo -)" \
      "$([ -s "$work/$2.over" ] && best "$2.over" || echo -)" "$(all "$2")"
}
row "newman 6.2.2 (21 requests)" newman 1
for j in "${!jars[@]}"; do
  jar_name=$(basename "${jars[$j]}")
  row "smoke tier $jar_name" "smoke$j" 1
  row "--suites ops $jar_name" "ops$j" 0
  if [ -s "$work/inproc$j.wall" ]; then
    row "smoke tier --in-process $jar_name" "inproc$j" 1
    row "--suites ops --in-process $jar_name" "inprocops$j" 0
  fi
  row "first run (records the class-data archive) $jar_name" "first$j" 1
done
for r in "${!maven_repos[@]}"; do
  row "mvn beelms:smoke, plugin from ${maven_repos[$r]}" "maven$r" 1
done
echo "jar runs: java -jar (second JVM: C1, serial GC, class-data archive) and --in-process (one JVM, JDK defaults)"
