#!/usr/bin/env bash
# The PDQ index benchmark in one command (after `./mvnw -B -q install -DskipTests -pl bench -am`).
# Options go to PdqIndexBenchmark, e.g. --sizes 100000,1000000. PDQ_BENCH_HEAP sets -Xmx
# (default 3g: the 10M run holds the index, its brute-force twin and the generated hashes).
set -euo pipefail
cd "$(dirname "$0")"
exec java "-Xmx${PDQ_BENCH_HEAP:-3g}" \
  -cp 'target/sightline-bench.jar:target/lib/*' org.sightline.bench.PdqIndexBenchmark "$@"
