#!/usr/bin/env bash
# Runs the benchmark suite: builds the project, starts a PostgreSQL, the command side and the query side as
# separate processes with production settings, loads them over loopback and prints one line per figure.
#
#   benchmarks/run.sh [options]         the HTTP figures (logins, tokens, reads, members lists)
#     --runs N (3) --warmup S (5) --seconds S (15) --read-concurrency N (16) --hash-concurrency N (2 × cores)
#     --members N (10000; 0 skips the members-list and audit runs) --audit N (1000000; 0 skips the audit runs)
#   benchmarks/run.sh stream [options]  the event stream's figures, with a real Kafka broker
#     --runs N (3) --events N (20000) --rate N (100) --warmup S (5) --seconds S (20)
#   benchmarks/run.sh replay [options]  rebuilding the read models from the events
#     --runs N (3) --events N (100000) --instances N (1)
#   benchmarks/run.sh keycloak [options]  the same figures of this service and of Keycloak, side by side
#     --runs N (3) --warmup S (5) --seconds S (15)
#   benchmarks/run.sh jmh [JMH options]   micro-benchmarks of the token path (sign, verify, refresh token)
#   benchmarks/run.sh token-cpu [rounds (5)]  the same calls' CPU time on their own thread, for a busy machine
#   benchmarks/run.sh startup [--runs N (3)]  the standalone's start-up to ready, on fresh and on existing data
#   benchmarks/run.sh commands [options]  profile changes/s, and the projection lag a reader sees at a steady rate
#     --runs N (3) --warmup S (5) --seconds S (15) --concurrency N (32) --rate N (200) --sample N (5)
#     --jit-warmup S (40: both loads, untimed, before the first run) --durable 0|1 (0: zonky's synchronous_commit=off)
#   benchmarks/run.sh replicas [options]  commands/s with one command-side instance and with two
#     --runs N (3) --warmup S (5) --seconds S (15) --concurrency N (16)
#
#   benchmarks/run.sh import [options]  an operator's import of users with their old password hashes, over HTTP
#     --users N (100000) --runs N (1)
#   benchmarks/run.sh footprint [options]  the standalone's RSS and throughput under a mixed load, with the JVM
#     options of the README's command (standalone/pom.xml) or, with --defaults 1, the JVM's own sizing
#     --runs N (3) --seconds S (180) --concurrency N (8) --defaults 0|1 (0)
#
#   benchmarks/run.sh all               every one of the above in turn, each with its defaults (about an hour on
#                                       two cores); Keycloak's run is left out, with a note, where no Java 21+ is found
#
# Example: benchmarks/run.sh --runs 5 --seconds 30
# With BENCH_JFR=<dir>, each app started writes a flight recording there (<app>-<port>.jfr) when it stops.
# BENCH_JAVA_OPTS adds options to the load-generating JVM; BENCH_WRK=0 keeps reads on the JVM client even with wrk installed;
# BENCH_QUERY_ARGS adds settings to the replay's query-side instances (e.g. a processor's batch size), to compare them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == all ]]; then
  mkdir -p target
  mvn -B -q -ntp -pl benchmarks -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$PWD/target/benchmark-classpath.txt"
  failed=()
  for mode in http commands stream replay replicas import startup footprint jmh keycloak; do
    echo "## benchmarks/run.sh $mode"
    args=()
    [[ "$mode" == http ]] || args=("$mode")
    BENCH_BUILT=1 "$0" "${args[@]}" || failed+=("$mode")
  done
  if (( ${#failed[@]} > 0 )); then
    echo "## failed: ${failed[*]}" >&2
    exit 1
  fi
  exit 0
fi
main=io.identity.bench.Benchmark
case "${1:-}" in
  stream) main=io.identity.bench.StreamBenchmark ;;
  replay) main=io.identity.bench.ReplayBenchmark ;;
  keycloak) main=io.identity.bench.KeycloakBenchmark ;;
  startup) main=io.identity.bench.StartupBenchmark ;;
  commands) main=io.identity.bench.CommandsBenchmark ;;
  replicas) main=io.identity.bench.ReplicasBenchmark ;;
  import) main=io.identity.bench.ImportBenchmark ;;
  footprint) main=io.identity.bench.FootprintBenchmark ;;
  # JMH micro-benchmarks; any JMH option may follow, e.g. TokenPathBenchmark -f 1 -wi 3 -i 5
  jmh) main=org.openjdk.jmh.Main ;;
  token-cpu) main=io.identity.bench.TokenPathCpu ;;
esac
[[ "$main" == io.identity.bench.Benchmark ]] || shift
if [[ "$main" == io.identity.bench.KeycloakBenchmark ]]; then
  # Keycloak's distribution from Maven Central, unpacked once; it needs Java 21 or later
  keycloak_version=26.7.3
  export KEYCLOAK_HOME="$PWD/target/keycloak/keycloak-$keycloak_version"
  if [[ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    mvn -B -q -ntp -N dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" \
      -DoutputDirectory="$PWD/target/keycloak"
    (cd target/keycloak && unzip -q -o "keycloak-quarkus-dist-$keycloak_version.zip")
  fi
  if [[ -z "${KEYCLOAK_JAVA_HOME:-}" ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -x "$candidate/bin/java" ]] || continue
      version=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1 || true)
      if [[ -n "$version" && "$version" -ge 21 ]]; then KEYCLOAK_JAVA_HOME="$candidate"; break; fi
    done
  fi
  if [[ -z "${KEYCLOAK_JAVA_HOME:-}" ]]; then
    echo "Keycloak needs Java 21 or later: set KEYCLOAK_JAVA_HOME" >&2
    [[ -n "${BENCH_BUILT:-}" ]] && { echo "# keycloak skipped: no Java 21 or later found"; exit 0; }
    exit 1
  fi
  export KEYCLOAK_JAVA_HOME
  # its build step, once, so that the measured start-up is a production start (--optimized)
  if [[ ! -f "$KEYCLOAK_HOME/.built" ]]; then
    JAVA_HOME="$KEYCLOAK_JAVA_HOME" "$KEYCLOAK_HOME/bin/kc.sh" build --db=postgres --cache=local >/dev/null
    touch "$KEYCLOAK_HOME/.built"
  fi
fi
# this checkout's own modules, built here (nothing is installed, so two checkouts can be measured side by side);
# their class path is written by every module of the build, the benchmarks' last
mkdir -p target
if [[ -n "${BENCH_BUILT:-}" && -s target/benchmark-classpath.txt ]]; then
  :
else
  mvn -B -q -ntp -pl benchmarks -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
    -Dmdep.outputFile="$PWD/target/benchmark-classpath.txt"
fi
# the standalone's JVM options as the README's command gives them (spring-boot:run's jvmArguments)
standalone_jvm=$(sed -n 's:.*<standalone.jvm>\(.*\)</standalone.jvm>.*:\1:p' standalone/pom.xml)
standalone_arenas=$(sed -n 's:.*<standalone.malloc-arena-max>\(.*\)</standalone.malloc-arena-max>.*:\1:p' standalone/pom.xml)
exec java -Xmx512m ${BENCH_JAVA_OPTS:-} -Dbench.standalone.jvm="$standalone_jvm" \
  -Dbench.standalone.malloc-arena-max="$standalone_arenas" -cp "benchmarks/target/classes:$(cat target/benchmark-classpath.txt)" \
  -Daxoniq.update-checker.disabled=true -Dlogback.configurationFile=benchmark-logback.xml "$main" "$@"
