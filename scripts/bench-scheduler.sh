#!/usr/bin/env bash
# Scheduler throughput, scheduler_perf-shaped, against a real `nauta server` (started here with
# --disable-scheduler; the benchmark runs the scheduler itself once all pods exist). Nodes are
# simulated (they run no containers). Prints pods/s per workload.
#   scripts/bench-scheduler.sh [workload] [nodes] [pods]
# workloads (default nodes/pods): basic (5000/10000), anti-affinity (5000/1000),
# topology-spread (5000/5000), preemption (500/500, on nodes already full of 2000 low-priority
# pods), all (each of them in turn).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
workload=${1:-basic}
case "$workload" in
  basic) defaults="5000 10000" ;;
  anti-affinity) defaults="5000 1000" ;;
  topology-spread) defaults="5000 5000" ;;
  preemption) defaults="500 500" ;;
  all)
    for w in basic anti-affinity topology-spread preemption; do "$0" "$w"; done
    exit 0 ;;
  *) echo "unknown workload $workload" >&2; exit 2 ;;
esac
read -r default_nodes default_pods <<<"$defaults"
nodes=${2:-$default_nodes}
pods=${3:-$default_pods}
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./nauta server --disable-agent --config "$work/none.yaml" --data-dir "$work/data" --https-port "$port" \
  --bind-address 127.0.0.1 --disable-scheduler >"$work/server.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Nauta is ready" "$work/server.log" && break; sleep 0.1; done
grep -q "Nauta is ready" "$work/server.log" || { cat "$work/server.log"; exit 1; }
echo "Nauta scheduler benchmark: $(nproc) cores, server pid $pid"
"$JAVA_HOME/bin/java" -cp "server/target/nauta.jar:benchmarks/target/classes" \
  io.nauta.benchmarks.SchedulingThroughput "$work/data/kubeconfig.yaml" "$workload" "$nodes" "$pods" 2>&1 \
  | grep -v -e WARN -e '^SLF4J' -e 'INFO'
