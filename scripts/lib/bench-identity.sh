#!/usr/bin/env bash
# `scripts/bench identity`, the identity benchmark (bench/README.md): against servers of its own (RabbitMQ, Redis under
# .data/bench-identity) and the suite's gateway and identity built optimised, it measures
#   - raw bcrypt verifications/s (seed-bench-identity, the hasher identity uses, one caller per core),
#   - logins/s through gateway → bus → identity (wrk), and their ratio,
#   - token refresh and profile read through gateway → bus → identity (wrk): requests/s, p50, p99,
#   - the gateway's HTTP floor: GET /health/live, which reaches neither Redis nor the bus.
# Rate limits stay on, with budgets multiplied (SEED_GATEWAY_RATE_LIMIT_MULTIPLIER) so that they never
# trip. Prints `name value unit` and `ratio name value` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5696}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6396}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18280}
DURATION=${SEED_BENCH_SECONDS:-20}
CONNECTIONS=${SEED_BENCH_CONNECTIONS:-32}
DATA="$SEED_ROOT/.data/bench-identity"
NODE=seedbenchid${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -q wrk >/dev/null || die "apt-get install wrk failed"; }
pids=()
cleanup() {
    [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true; }
    ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; seed_stop_rabbitmq )
    seed_stop_redis "$REDIS_PORT"
}
trap cleanup EXIT
cleanup
rm -rf "$DATA"
seed_reset_rabbitmq "$DATA/rabbitmq"
( seed_start_rabbitmq "$NODE" "$AMQP_PORT" "$DATA/rabbitmq" ) &
broker=$!
seed_start_redis "$REDIS_PORT" "$DATA/redis"
seed_swift_build -c release --product seed-identity || die "build failed"
seed_swift_build -c release --product seed-gateway || die "build failed"
seed_swift_build -c release --product seed-bench-identity || die "build failed"
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN=$(swift build -c release --show-bin-path)

common=(SEED_AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PORT/" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
        SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
for port in "$HTTP_PORT" $((HTTP_PORT + 1)); do
    for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
done
BASE="http://127.0.0.1:$HTTP_PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
curl -fs -X POST "$BASE/api/v1/auth/register" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"correct horse battery"}' > /dev/null
login() { curl -fs -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"correct horse battery"}'; }
export SEED_BENCH_TOKEN; SEED_BENCH_TOKEN=$(login | json accessToken)
export SEED_BENCH_REFRESH_TOKENS="$DATA/refresh-tokens"
: > "$SEED_BENCH_REFRESH_TOKENS"
for _ in $(seq 1 "$CONNECTIONS"); do login | json refreshToken >> "$SEED_BENCH_REFRESH_TOKENS"; done

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION} s per figure, $CONNECTIONS connections"
raw=$("$BIN/seed-bench-identity" bcrypt "$DURATION")
echo "$raw"
logins=$(wrk -t2 -c4 -d"${DURATION}s" -s bench/wrk/login.lua "$BASE/api/v1/auth/login" | grep '^gateway\.')
echo "$logins"
awk -v raw="$(echo "$raw" | awk '/throughput/ {print $2}')" -v got="$(echo "$logins" | awk '/throughput/ {print $2}')" \
    'BEGIN { printf "ratio gateway.login/bcrypt.verify %.2f\n", got / raw }'

# CPU time (user + system, clock ticks) of a process so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
broker_pid=$( ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; cat "$RABBITMQ_PID_FILE" 2>/dev/null ) || true)
redis_pid=$(cat "$DATA/redis/redis.pid" 2>/dev/null || true)
# Runs wrk (arguments) and prints its figures, then the CPU each server process spent per successful
# request: steadier than throughput when other work shares the two cores.
measure() {
    local name=$1; shift
    local -A before=()
    local role pid
    local -A roles=([identity]=${pids[0]} [gateway]=${pids[1]} [rabbitmq]=$broker_pid [redis]=$redis_pid)
    for role in "${!roles[@]}"; do [ -n "${roles[$role]}" ] && before[$role]=$(ticks "${roles[$role]}"); done
    local output; output=$(wrk "$@" | grep '^gateway\.')
    echo "$output"
    local requests; requests=$(echo "$output" | awk -v d="$DURATION" '/\.throughput/ { print $2 * d }')
    for role in identity gateway rabbitmq redis; do
        pid=${roles[$role]}
        [ -n "$pid" ] && [ -n "${before[$role]:-}" ] || continue
        awk -v t="$(( $(ticks "$pid") - ${before[$role]} ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" -v name="$name" -v role="$role" \
            'BEGIN { if (n > 0) printf "%s.cpu_per_request.%s %.0f us\n", name, role, t / hz / n * 1e6 }'
    done
}
measure gateway.refresh -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/refresh.lua "$BASE"
measure gateway.profile_read -t4 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/me.lua "$BASE/api/v1/users/me"
measure gateway.http_floor -t4 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/wrk/live.lua "$BASE/health/live"
