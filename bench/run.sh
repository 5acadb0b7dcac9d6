#!/usr/bin/env bash
# Runs the benchmarks of this module and prints one `name: value unit` line per figure.
#
#   bench/run.sh            full run (1M events, 100k keys; well over an hour on 2 cores, mostly cep)
#   bench/run.sh --quick    every step, short: about 6.5 minutes on 2 shared cores (must stay < 10)
#   bench/run.sh --quick --only cep -- --backends heap     extra arguments after -- go to every step
#
# Each benchmark is one step: a function named step_<name>, listed in STEPS. Add a step by writing
# its function and appending its name. Steps print their figures on stdout; progress goes to stderr.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$BENCH_DIR/target/bench-0.1.0-SNAPSHOT.jar"
CLASSPATH_FILE="$BENCH_DIR/target/classpath.txt"
JAVA_OPTS=(${BENCH_JAVA_OPTS:--Xms2g -Xmx6g -XX:+UseParallelGC})

STEPS=(cep augment pipeline-throughput pipeline-latency pipeline-reload pipeline-state)

QUICK=()
ONLY=""
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=(--quick); shift ;;
    --only) ONLY="$2"; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

# Builds the bench jar and its classpath when they are missing or older than any source or POM.
build_if_needed() {
  if [[ -f "$JAR" && -f "$CLASSPATH_FILE" ]] \
     && [[ -z "$(find "$ROOT" -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$CLASSPATH_FILE" -print -quit)" ]]; then
    return
  fi
  echo "# building bench (mvn -q -pl bench -am package -DskipTests)" >&2
  (cd "$ROOT" && mvn -q -pl bench -am package -DskipTests \
     dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
}

run_java() {
  java "${JAVA_OPTS[@]}" -cp "$JAR:$(cat "$CLASSPATH_FILE")" "$@"
}

# The dynamic CEP operator against Flink's static CepOperator, and with 1, 100 and 1,000 patterns.
step_cep() {
  run_java io.cxengage.bench.cep.CepBench "${QUICK[@]}" "${EXTRA[@]}"
}

# The whole job with an engine file augment of 1M rows against the same job without augments.
step_augment() {
  run_java io.cxengage.bench.augment.AugmentBench "${QUICK[@]}" "${EXTRA[@]}"
}

# Whole-pipeline events/s with 1, 100 and 1,000 patterns against the job without the engine.
step_pipeline-throughput() {
  run_java io.cxengage.bench.pipeline.ThroughputBench "${QUICK[@]}" "${EXTRA[@]}"
}

# Reaction latency at half the 100-pattern throughput the job sustains beside a producer.
step_pipeline-latency() {
  run_java io.cxengage.bench.pipeline.LatencyBench "${QUICK[@]}" "${EXTRA[@]}"
}

# Time from POST /patterns answering 201 to the new pattern's first reaction.
step_pipeline-reload() {
  run_java io.cxengage.bench.pipeline.ReloadBench "${QUICK[@]}" "${EXTRA[@]}"
}

# Bytes of RocksDB state per key and per partial match.
step_pipeline-state() {
  run_java io.cxengage.bench.pipeline.StateSizeBench "${QUICK[@]}" "${EXTRA[@]}"
}

build_if_needed
for step in "${STEPS[@]}"; do
  if [[ -n "$ONLY" && "$step" != "$ONLY" ]]; then
    continue
  fi
  echo "# step $step" >&2
  "step_$step"
done
