#!/usr/bin/env bash
# API benchmark over HTTPS against a real `nauta server` process: creates, gets and lists with N
# concurrent connections (wrk for HTTP/1.1 latency percentiles, h2load for HTTP/2 throughput), and
# watch delivery latency (a Java client). Prints the figures; writes nothing else.
#   scripts/bench-api.sh [connections=32] [seconds=10]
# NAUTA_BENCH_STORE=etcd runs the server on a 3-member etcd cluster started here on loopback
# (scripts/bench-ha.sh runs both engines one after the other).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
conns=${1:-32}
secs=${2:-10}
if ! command -v wrk >/dev/null || ! command -v h2load >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "need wrk and h2load (apt-get install wrk nghttp2-client)" >&2; exit 1; }
  apt-get install -y --no-install-recommends wrk nghttp2-client >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null; apt-get install -y --no-install-recommends wrk nghttp2-client >/dev/null; }
fi
JAVA_HOME=$(scripts/java-home.sh)
export JAVA_HOME
./mvnw -q -B -DskipTests -Dspotless.check.skip=true install
cp=$(./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)

work=$(mktemp -d)
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(freeport)
store=()
etcd_pids=()
if [ "${NAUTA_BENCH_STORE:-embedded}" = etcd ]; then
  command -v etcd >/dev/null || { echo "need etcd (scripts/install-deps.sh)" >&2; exit 1; }
  peers=() clients=()
  for i in 1 2 3; do peers+=("$(freeport)"); clients+=("$(freeport)"); done
  cluster=""
  for i in 0 1 2; do cluster+="m$i=http://127.0.0.1:${peers[$i]},"; done
  for i in 0 1 2; do
    etcd --name "m$i" --data-dir "$work/etcd$i" \
      --listen-peer-urls "http://127.0.0.1:${peers[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peers[$i]}" \
      --listen-client-urls "http://127.0.0.1:${clients[$i]}" --advertise-client-urls "http://127.0.0.1:${clients[$i]}" \
      --initial-cluster "${cluster%,}" --initial-cluster-state new >"$work/etcd$i.log" 2>&1 &
    etcd_pids+=($!)
  done
  store=(--store "etcd://127.0.0.1:${clients[0]},127.0.0.1:${clients[1]},127.0.0.1:${clients[2]}")
fi
./nauta server --disable-agent --disable-dns --config "$work/none.yaml" --data-dir "$work/data" \
  --https-port "$port" --bind-address 127.0.0.1 "${store[@]}" >"$work/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  for p in "${etcd_pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Nauta is ready" "$work/server.log" && break; sleep 0.1; done
grep -q "Nauta is ready" "$work/server.log" || { cat "$work/server.log"; exit 1; }
url="https://127.0.0.1:$port"
token=$(cut -d, -f1 "$work/data/tokens.csv")
cm="$url/api/v1/namespaces/default/configmaps"
payload=$(printf 'v%.0s' $(seq 1 200))
body="{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"bench-\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"key\":\"$payload\"}}"
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
printf '%s' "$body" >"$work/body.json"
auth="Authorization: Bearer $token"
threads=2

run_wrk() { # name url [script] (WRK_CONNS overrides the connections)
  local name=$1 target=$2 script=${3:-} c=${WRK_CONNS:-$conns}
  local out
  if [ -n "$script" ]; then out=$(wrk -t$threads -c"$c" -d"${secs}s" --latency -s "$script" "$target"); else
    out=$(wrk -t$threads -c"$c" -d"${secs}s" --latency -H "$auth" "$target"); fi
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %s | %s | %.0f | %s | %s | %s |\n' "$name" "HTTP/1.1, $c conns" "$rps" "$p50" "$p99" "${bad:-0}"
}

echo "Nauta API benchmark (${NAUTA_BENCH_STORE:-embedded} store): $(nproc) cores, $conns connections, ${secs}s per run, server pid $pid"
wrk -t$threads -c"$conns" -d5s -s "$work/post.lua" "$cm" >/dev/null # warm-up (JIT)
curl -sk -H "$auth" -H 'Content-Type: application/json' -X POST "$cm" \
  -d '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"data":{"k":"v"}}' >/dev/null
echo
echo "| operation | transport | ops/s | p50 | p99 | errors |"
echo "|---|---|---:|---:|---:|---:|"
run_wrk "create configmap" "$cm" "$work/post.lua"
run_wrk "get configmap" "$cm/target"
# patches and applies on 100 deployments, each request to a random one
curl -sk -H "$auth" -H 'Content-Type: application/json' -X POST "$url/api/v1/namespaces" \
  -d '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"patch"}}' >/dev/null
deploy() { # name replicas image
  printf '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","labels":{"app":"bench"}},"spec":{"replicas":%s,"selector":{"matchLabels":{"app":"bench"}},"template":{"metadata":{"labels":{"app":"bench"}},"spec":{"containers":[{"name":"web","image":"%s","ports":[{"containerPort":80}]}]}}}}' "$1" "$2" "$3"
}
deps="$url/apis/apps/v1/namespaces/patch/deployments"
for i in $(seq 0 99); do
  curl -sk -H "$auth" -H 'Content-Type: application/json' -X POST "$deps" -d "$(deploy "bench-$i" 1 nginx:1.0)" >/dev/null
done
patch_lua() { # file content-type query body-expression(lua)
  cat >"$1" <<LUA
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "$2"
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  local n = math.random(1, 9)
  local name = "bench-" .. math.random(0, 99)
  return wrk.format(nil, "/apis/apps/v1/namespaces/patch/deployments/" .. name .. "$3", nil, $4)
end
LUA
}
patch_lua "$work/merge.lua" application/merge-patch+json "" "'{\"spec\":{\"replicas\":' .. n .. '}}'"
patch_lua "$work/smp.lua" application/strategic-merge-patch+json "" \
  "'{\"spec\":{\"template\":{\"spec\":{\"\$setElementOrder/containers\":[{\"name\":\"web\"}],\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.' .. n .. '\"}]}}}}'"
ssa=$(deploy NAME 3 nginx:1.N | sed 's/"/\\"/g')
patch_lua "$work/ssa.lua" application/apply-patch+yaml "?fieldManager=bench&force=true" \
  "(\"$ssa\"):gsub('NAME', name):gsub('1%.N', '1.' .. n)"
run_wrk "merge patch deployment" "$deps" "$work/merge.lua"
run_wrk "strategic merge patch (client-side apply's patch)" "$deps" "$work/smp.lua"
run_wrk "server-side apply deployment" "$deps" "$work/ssa.lua"
run_wrk "list 100 configmaps" "$cm?limit=100"
h2=$(h2load -c"$conns" -m1 -D "$secs" -d "$work/body.json" -H "$auth" -H 'Content-Type: application/json' "$cm" 2>&1)
h2rps=$(awk '/finished in/ {print $4}' <<<"$h2")
h2mean=$(awk '/time for request/ {print $6}' <<<"$h2")
h2fail=$(awk '/^requests:/ {print $10}' <<<"$h2")
printf '| create configmap | HTTP/2, %s conns | %.0f | mean %s | - | %s |\n' "$conns" "$h2rps" "$h2mean" "${h2fail:-0}"
# a list of 10,000 objects (4 connections: each answer is ~3 MB of JSON)
curl -sk -H "$auth" -H 'Content-Type: application/json' -X POST "$url/api/v1/namespaces" \
  -d '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"list"}}' >/dev/null
h2load -c16 -m1 -n 10000 -d "$work/body.json" -H "$auth" -H 'Content-Type: application/json' \
  "$url/api/v1/namespaces/list/configmaps" >/dev/null 2>&1
listed=$(curl -sk -H "$auth" "$url/api/v1/namespaces/list/configmaps" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
WRK_CONNS=4 run_wrk "list $listed configmaps" "$url/api/v1/namespaces/list/configmaps"
echo
java_bench() { "$JAVA_HOME/bin/java" -cp "benchmarks/target/classes:$cp" "io.nauta.benchmarks.$1" "$url" "$token" "$work/data/tls/ca.crt" "${@:2}"; }
java_bench CreateRate "${NAUTA_BENCH_RATE:-1000}" "$secs"
java_bench WatchLatency "$secs" 10 200
java_bench WatchLatency "$secs" 1000 20
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "server resident memory after the run: $((rss / 1024)) MiB ($(curl -sk -H "$auth" "$cm?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["resourceVersion"])') revisions in the store)"
