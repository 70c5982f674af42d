#!/usr/bin/env bash
# Token benchmarks (issue: agent identity and tokens). Builds nothing: run after
#   ./mvnw -DskipTests package
# 1. JMH, one thread: the bare cost of verifying one client assertion and minting one token.
# 2. wrk (one thread, so the load generator takes at most one core) against Sigil on Payara Micro
#    on loopback, rate limits raised by configuration: tokens per second and per server
#    CPU-second, then an authenticated request against an anonymous one. The client assertions
#    are signed before each token phase (dev.sigil.bench.Prepare), so the client does no crypto
#    while the server is measured. Every phase stops by itself.
# Usage: bench/run.sh [seconds per phase] [connections] [all|tokens|requests|paths:/a,/b]
# (paths: anonymous GETs of each path, e.g. paths:/api/v1/info,/.well-known/jwks.json)
# SIGIL_BENCH_JAVA_OPTS: extra JVM options for the server (e.g. a JFR recording);
# SIGIL_BENCH_JMH=no skips the JMH step; SIGIL_BENCH_WAR=path deploys another build of
# sigil-micro.war (to compare two commits back to back); SIGIL_BENCH_PREBOOT=path gives Payara
# Micro other pre-boot commands (default: the quick start's ear/src/main/payara/loopback.asadmin).
# Needs wrk (Debian: apt-get install wrk; installed here when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-8}"
phases="${3:-all}"
port="${SIGIL_BENCH_PORT:-18080}"
# Bodies signed per token phase: this many per second of the phase. More than the server
# manages; a phase that runs out sends replays, which are counted as failed.
max_rate="${SIGIL_BENCH_MAX_RATE:-6000}"
url="http://127.0.0.1:$port"
# A token phase's bodies are signed before it and must outlive it: Sigil accepts an assertion for
# at most 5 minutes, and signing takes up to a minute.
if [ "$seconds" -gt 200 ] && [ "$phases" != requests ] && [[ "$phases" != paths:* ]]; then
  echo "bench/run.sh: token phases of at most 200 s (asked for $seconds)" >&2
  exit 2
fi
jar=bench/target/benchmarks.jar

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing wrk (apt-get install wrk)"
    apt-get install -y -qq wrk >/dev/null
  else
    echo "bench/run.sh: wrk is needed (Debian/Ubuntu: apt-get install wrk)" >&2
    exit 3
  fi
fi

if [ "${SIGIL_BENCH_JMH:-yes}" != no ] && { [ "$phases" = all ] || [ "$phases" = tokens ]; }; then
  echo "== JMH ($jar)"
  java -jar "$jar" TokenCryptoBenchmark -rf text -rff /dev/null
fi

dir="$(mktemp -d)"
echo "== Load: Sigil on Payara Micro, data in $dir"
SIGIL_DATA_DIR="$dir/data" SIGIL_BROKER_PORT=$((port + 1)) SIGIL_PUBLIC_URL="$url" \
TOKENS_RATE_PER_MINUTE_CLIENT=100000000 TOKENS_RATE_PER_MINUTE_AGENT=100000000 \
APIKEYS_RATE_PER_MINUTE_DEFAULT=100000000 TOKENS_ACCESS_TTL=PT1H \
  java ${SIGIL_BENCH_JAVA_OPTS:-} -jar ear/target/payara-micro.jar --deploy "${SIGIL_BENCH_WAR:-ear/target/sigil-micro.war}" --contextroot / \
  --port "$port" --nohazelcast --prebootcommandfile "${SIGIL_BENCH_PREBOOT:-ear/src/main/payara/loopback.asadmin}" \
  >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -f "$dir"/bodies-*' EXIT
for _ in $(seq 1 1800); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = 200 ] && break
  sleep 0.1
done

ticks_per_second="$(getconf CLK_TCK)"
# The server's user and system CPU ticks so far, e.g. "1234 56".
server_ticks() { awk '{ split(substr($0, index($0, ")") + 2), f, " "); print f[12], f[13] }' "/proc/$pid/stat"; }

# measure NAME WRK-ARGS...: one wrk run, then a line with the rate, the rate per server CPU-second
# and wrk's latencies. A request counts as ok only with a 2xx answer.
measure() {
  local name="$1"; shift
  local user0 sys0 user1 sys1 out
  read -r user0 sys0 <<<"$(server_ticks)"
  out="$(wrk -t1 -c"$connections" -d"${seconds}s" --latency "$@")"
  read -r user1 sys1 <<<"$(server_ticks)"
  # The last phase's ok count and server CPU-seconds, for the purge's account below.
  awk -v name="$name" -v user_ticks="$((user1 - user0))" -v sys_ticks="$((sys1 - sys0))" \
      -v hz="$ticks_per_second" \
      -v connections="$connections" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v ~ /s$/ ? v * 1000 : v }
    function seconds(v) { return v ~ /ms$/ ? v / 1000 : v ~ /m$/ ? v * 60 : v ~ /h$/ ? v * 3600 : v + 0 }
    / requests in / { total = $1; secs = seconds(substr($4, 1, length($4) - 1)) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { errors = $0 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END {
      ok = total - bad; cpu = (user_ticks + sys_ticks) / hz
      print ok, cpu > "/dev/stderr"
      printf "%-40s %8.0f ok/s  %8.0f per server CPU-s  p50 %6.2f ms  p99 %6.2f ms  ok %d failed %d  (%.1f s, server CPU %.1f s of which system %.1f s, %d connections)%s\n",
        name, ok / secs, (cpu > 0 ? ok / cpu : 0), p50, p99, ok, bad, secs, cpu, sys_ticks / hz, connections,
        (errors == "" ? "" : "  " errors)
    }' <<<"$out" 2>"$dir/last"
}

if [[ "$phases" == paths:* ]]; then
  IFS=, read -r -a paths <<<"${phases#paths:}"
  for path in "${paths[@]}"; do
    measure "warm-up GET $path" "$url$path"
    measure "anonymous GET $path" "$url$path"
  done
  exit 0
fi

setup_token="$(cat "$dir/data/setup-token")"
admin="$(curl -s -X POST -H 'Content-Type: application/json' -d "{\"setupToken\":\"$setup_token\"}" \
  "$url/api/v1/setup" | sed -E 's/.*"key":"([^"]+)".*/\1/')"
java -cp "$jar" dev.sigil.bench.Prepare agents "$url" "$admin" 16 "$dir/agents"
audience="$url/api/v1/agents/tokens"

if [ "$phases" != tokens ]; then
  bearer="Authorization: Bearer $(java -cp "$jar" dev.sigil.bench.Prepare token "$url" "$dir/agents" "$audience")"
  measure "warm-up anonymous" "$url/api/v1/info"
  measure "warm-up authenticated" -H "$bearer" "$url/api/v1/agents/me"
  measure "anonymous GET /api/v1/info" "$url/api/v1/info"
  measure "authenticated GET /api/v1/agents/me" -H "$bearer" "$url/api/v1/agents/me"
fi
[ "$phases" = requests ] && exit 0

# Tokens. Each issued token leaves a replay row, which the purge (every minute) deletes once its
# assertion has expired (exp + 30 s). The bodies live as long as the phase needs (from signing to
# the end of the phase), so after each phase the script waits until the purge has taken its rows:
# the warm-up's are gone before the measured phase starts, and the measured phase's purge is
# measured on its own, in a window without load, and added to the token's cost.
lifetime=$((seconds + 120 > 300 ? 300 : seconds + 120))
# sign_and_send NAME: signs the bodies, sends them, and sets $signed_at to when signing ended.
sign_and_send() {
  java -cp "$jar" dev.sigil.bench.Prepare assertions "$dir/agents" "$audience" \
    $((max_rate * seconds)) "$lifetime" "$dir/bodies"
  signed_at=$(date +%s)
  measure "$1" -s bench/tokens.lua "$url" -- "$dir/bodies"
  rm -f "$dir/bodies"
}
# until_purged: seconds until the purge has taken every row of bodies signed by $signed_at.
until_purged() {
  local left=$((signed_at + lifetime + 30 + 60 + 10 - $(date +%s)))
  echo $((left > 0 ? left : 0))
}
sign_and_send "warm-up tokens"
sleep "$(until_purged)"
sign_and_send "tokens"
read -r tokens_ok tokens_cpu <"$dir/last"
# The purge window in slices of 10 s: most slices are idle, one or two hold a purge; the median
# slice is the idle server's own CPU, and what the window used above that is the purge's.
slices=$(( ($(until_purged) + 9) / 10 ))
echo "== Waiting $((slices * 10)) s for the purge of the measured phase's replay rows"
used=()
for _ in $(seq 1 "$slices"); do
  read -r user0 sys0 <<<"$(server_ticks)"
  sleep 10
  read -r user1 sys1 <<<"$(server_ticks)"
  used+=($((user1 + sys1 - user0 - sys0)))
done
printf '%s\n' "${used[@]}" | sort -n | awk -v ok="$tokens_ok" -v cpu="$tokens_cpu" -v hz="$ticks_per_second" '
  { ticks[NR] = $1; sum += $1; list = list sprintf(" %.1f", $1 / hz) }
  END {
    idle = ticks[int((NR + 1) / 2)]
    purge = (sum - idle * NR) / hz
    printf "%-40s %8.1f s server CPU above idle for %d rows (%.0f us per token); tokens per server CPU-s with it: %.0f  (CPU-s per 10 s, sorted:%s)\n",
      "purge of the replay rows", purge, ok, (ok > 0 ? 1e6 * purge / ok : 0), ok / (cpu + purge), list
  }'
