#!/usr/bin/env bash
# API benchmark over HTTPS: creates, gets, lists and watch delivery with N concurrent clients.
#   scripts/bench-api.sh [clients=32] [seconds=10]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true install -pl benchmarks -am
cp=$(./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "benchmarks/target/classes:$cp" io.nauta.benchmarks.ApiBenchmark "$@"
