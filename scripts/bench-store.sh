#!/usr/bin/env bash
# Store benchmark: creates through the Store API (no HTTP) with N closed-loop writers, on the
# embedded engine and on a 3-member etcd cluster on loopback, in the same run. Prints the figures.
#   scripts/bench-store.sh [writers=32] [seconds=10]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
writers=${1:-32}
secs=${2:-10}
[ -x /usr/bin/etcd ] || { echo "need /usr/bin/etcd (apt-get install etcd-server)" >&2; exit 1; }
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -o -q -B -DskipTests -Dspotless.check.skip=true -pl benchmarks -am install
cp=$(./mvnw -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
clients=() peers=()
for i in 0 1 2; do clients+=("$(port)"); peers+=("$(port)"); done
cluster="m0=http://127.0.0.1:${peers[0]},m1=http://127.0.0.1:${peers[1]},m2=http://127.0.0.1:${peers[2]}"
for i in 0 1 2; do
  /usr/bin/etcd --name "m$i" --data-dir "$work/m$i" \
    --listen-client-urls "http://127.0.0.1:${clients[$i]}" \
    --advertise-client-urls "http://127.0.0.1:${clients[$i]}" \
    --listen-peer-urls "http://127.0.0.1:${peers[$i]}" \
    --initial-advertise-peer-urls "http://127.0.0.1:${peers[$i]}" \
    --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token bench \
    --max-request-bytes 4194304 --log-level warn --logger zap >"$work/m$i.log" 2>&1 &
  pids+=($!)
done
uri="etcd://127.0.0.1:${clients[0]},127.0.0.1:${clients[1]},127.0.0.1:${clients[2]}"
"$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$cp" io.nauta.benchmarks.StoreThroughput \
  "$writers" "$secs" "$uri"
