#!/usr/bin/env bash
# Measures the quick start: seconds from launching Payara Micro with the built sigil-micro.war
# (exactly as README command 1 does, on a fresh data directory) until /health/ready answers 200.
# Usage: bench/quickstart-ready.sh [runs]   (after ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
port="${SIGIL_BENCH_PORT:-18080}"
for run in $(seq 1 "$runs"); do
  dir="$(mktemp -d)"
  start=$(date +%s.%N)
  SIGIL_DATA_DIR="$dir/data" SIGIL_BROKER_PORT=$((port + 1)) java -jar ear/target/payara-micro.jar \
    --deploy ear/target/sigil-micro.war --contextroot / --port "$port" --nohazelcast \
    --prebootcommandfile ear/src/main/payara/loopback.asadmin >"$dir/server.log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; then
      ready=$(echo "$(date +%s.%N) - $start" | bc)
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "run $run: ready in ${ready:-FAILED} s, RSS $((rss / 1024)) MiB"
done
