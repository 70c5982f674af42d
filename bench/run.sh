#!/usr/bin/env bash
# Token benchmarks (issue: agent identity and tokens). Builds nothing: run after
#   ./mvnw -DskipTests package
# 1. JMH, one thread: the bare cost of verifying one client assertion and minting one token.
# 2. A bounded load driver against Sigil on Payara Micro on loopback, rate limits raised by
#    configuration: tokens per second and per server CPU-second, then an authenticated request
#    against an anonymous one. Every loop stops by itself.
# Usage: bench/run.sh [seconds per phase] [client threads] [all|tokens|requests|paths:/a,/b]
# (paths: anonymous GETs of each path, e.g. paths:/api/v1/info,/.well-known/jwks.json)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
threads="${2:-4}"
phases="${3:-all}"
port="${SIGIL_BENCH_PORT:-18080}"
issuer="http://127.0.0.1:$port"

if [ "$phases" = all ] || [ "$phases" = tokens ]; then
  echo "== JMH (bench/target/benchmarks.jar)"
  java -jar bench/target/benchmarks.jar TokenCryptoBenchmark -rf text -rff /dev/null
fi

dir="$(mktemp -d)"
echo "== Load: Sigil on Payara Micro, data in $dir"
SIGIL_DATA_DIR="$dir/data" SIGIL_BROKER_PORT=$((port + 1)) SIGIL_PUBLIC_URL="$issuer" \
TOKENS_RATE_PER_MINUTE_CLIENT=100000000 TOKENS_RATE_PER_MINUTE_AGENT=100000000 \
APIKEYS_RATE_PER_MINUTE_DEFAULT=100000000 \
  java -jar ear/target/payara-micro.jar --deploy ear/target/sigil-micro.war --contextroot / \
  --port "$port" --nocluster --prebootcommandfile ear/src/main/payara/loopback.asadmin \
  >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ] && break
  sleep 0.1
done
token="$(cat "$dir/data/setup-token")"
admin="$(curl -s -X POST -H 'Content-Type: application/json' -d "{\"setupToken\":\"$token\"}" \
  "http://127.0.0.1:$port/api/v1/setup" | sed -E 's/.*"key":"([^"]+)".*/\1/')"
java -cp bench/target/benchmarks.jar dev.sigil.bench.LoadDriver "http://127.0.0.1:$port" "$admin" \
  "$pid" "$seconds" "$threads" "$issuer" "$phases"
