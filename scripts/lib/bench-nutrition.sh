#!/usr/bin/env bash
# `scripts/bench nutrition`, the nutrition benchmark (bench/README.md): against servers of its own (RabbitMQ,
# Redis under .data/bench-nutrition) and the suite's identity, nutrition and gateway built optimised, it
#   - registers SEED_BENCH_USERS users through the gateway, saves their profiles and logs a week of meals,
#   - meal logging: POST /api/v1/nutrition/meals at SEED_BENCH_RATE (500) requests/s offered (seed-load),
#   - statistics reads: today's and the weekly statistics, alternating, at SEED_BENCH_RATE requests/s offered,
#   - mixed: reads and logs together at SEED_BENCH_RATE in all, SEED_BENCH_MIXED_WRITE_PERCENT (10) % logs,
#   - the raw baseline: the gateway's HTTP floor (GET /health/live, no bus, no Redis) at SEED_BENCH_RATE,
# each with the CPU every server process spent per request (from /proc) and, for the reads, the hit rate of
# nutrition's statistics cache (seed_redis_cache_lookups_total{cache="seed:cache:nutrition"} on its /metrics).
# Prints `name value unit` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5699}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6399}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18580}   # the gateway; identity +1, nutrition +2
DURATION=${SEED_BENCH_SECONDS:-20}
WARMUP=${SEED_BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${SEED_BENCH_CONNECTIONS:-128}
USERS=${SEED_BENCH_USERS:-40}
MEALS=${SEED_BENCH_MEALS_PER_USER:-21}
RATE=${SEED_BENCH_RATE:-500}
WRITE_PERCENT=${SEED_BENCH_MIXED_WRITE_PERCENT:-10}
PHASES=${SEED_BENCH_PHASES:-floor log stats mixed}
DATA="$SEED_ROOT/.data/bench-nutrition"
NODE=seedbenchnut${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
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
# SEED_BENCH_NO_BUILD=1 runs the optimised binaries already built (when the tree does not build meanwhile).
if [ -z "${SEED_BENCH_NO_BUILD:-}" ]; then
    for product in seed-identity seed-nutrition seed-gateway seed-load; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"

common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
# Access tokens outlive the run (the default 15 minutes would not).
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 \
    "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/nutrition" SEED_NUTRITION_CACHE_SECONDS=600 \
    "$BIN/seed-nutrition" > "$DATA/nutrition.log" 2>&1 & pids+=($!)
seed_wait_ready "$HTTP_PORT"; seed_wait_ready $((HTTP_PORT + 1)); seed_wait_ready $((HTTP_PORT + 2))
BASE="http://127.0.0.1:$HTTP_PORT"
METRICS="http://127.0.0.1:$((HTTP_PORT + 2))/metrics"

# Users, tokens, profiles and a week of meals through the API. meals.tsv (token, date, calories) feeds
# the logging runs, users first so that consecutive requests go to different users; stats.tsv (token,
# path) alternates today's and the weekly statistics over the users.
python3 - "$BASE" "$USERS" "$MEALS" "$DATA" <<'PY'
import datetime, sys
base, users, meals, data = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, "scripts/lib")
from bench_api import call_api
def call(method, path, body, token=None): return call_api(base, method, path, body, token)
def food(calories):
    return {"name": "Chicken Tikka Masala", "calories": calories, "protein": 35, "carbs": 28, "fat": 18, "fiber": 4, "sugar": 6, "quantity": "1 serving"}
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]
tokens = []
for n in range(users):
    credentials = {"email": f"bench{n}@example.com", "password": "correct horse battery"}
    call("POST", "/api/v1/auth/register", credentials)
    token = call("POST", "/api/v1/auth/login", credentials)["accessToken"]
    call("PUT", "/api/v1/nutrition/profile", {"name": f"Bench {n}", "age": 30, "weight": 70, "height": 175,
         "activityLevel": "moderately_active", "dailyCalorieGoal": 2000, "timeZone": zones[n % len(zones)]}, token)
    for m in range(meals):
        date = now - datetime.timedelta(hours=8 * m + 1)
        call("POST", "/api/v1/nutrition/meals", {"foods": [food(300 + 10 * m), food(200)], "mealType": ["breakfast", "lunch", "dinner"][m % 3],
             "date": date.isoformat().replace("+00:00", "Z")}, token)
    tokens.append(token)
with open(f"{data}/meals.tsv", "w") as out:
    out.write("token\tdate\tcalories\n")
    for k in range(24):
        date = (now - datetime.timedelta(hours=7 * k + 1)).isoformat().replace("+00:00", "Z")
        for token in tokens: out.write(f"{token}\t{date}\t{250 + 10 * k}\n")
with open(f"{data}/stats.tsv", "w") as out:
    out.write("token\tpath\n")
    for k in range(2):
        for n, token in enumerate(tokens):
            out.write(f"{token}\t/api/v1/nutrition/stats/{['today', 'weekly'][(n + k) % 2]}\n")
PY

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION} s per figure after ${WARMUP} s of warm-up, $CONNECTIONS connections, $USERS users, $MEALS meals each before the runs"

# CPU time (user + system, clock ticks) of a process so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The statistics cache's lookups so far: "hits misses".
lookups() {
    curl -fs "$METRICS" | awk '/^seed_redis_cache_lookups_total/ && /cache="seed:cache:nutrition"/ {
        if ($0 ~ /result="hit"/) h += $NF; else if ($0 ~ /result="miss"/) m += $NF } END { printf "%d %d\n", h, m }'
}
broker_pid=$( ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; cat "$RABBITMQ_PID_FILE" 2>/dev/null ) || true)
redis_pid=$(cat "$DATA/redis/redis.pid" 2>/dev/null || true)
declare -A roles=([identity]=${pids[0]} [gateway]=${pids[1]} [nutrition]=${pids[2]} [rabbitmq]=$broker_pid [redis]=$redis_pid)

log_request=(--method POST --expect-status 201 --path /api/v1/nutrition/meals --header 'authorization: Bearer {token}'
             --header 'content-type: application/json'
             --body '{"foods":[{"name":"Greek Yogurt","calories":{calories},"protein":20,"carbs":9,"fat":4,"quantity":"200g"}],"mealType":"snack","date":"{date}"}')
stats_request=(--path '{path}' --header 'authorization: Bearer {token}')
floor_request=(--path /health/live)

# Runs one or more seed-load runs side by side ("name rate kind" each, kind log or stats) after a warm-up of
# the same mix, prints their figures, the CPU each server process spent per successful request of the
# whole mix, and the cache's hit rate over the measured window.
measure() {
    local mix=$1; shift
    local name rate kind spec
    local runs=("$@") warm=() out=()
    for spec in "${runs[@]}"; do
        read -r name rate kind <<< "$spec"
        case "$kind" in
            log) args=("${log_request[@]}" --values "$DATA/meals.tsv") ;;
            stats) args=("${stats_request[@]}" --values "$DATA/stats.tsv") ;;
            *) args=("${floor_request[@]}") ;;
        esac
        "$BIN/seed-load" --url "$BASE" --rate "$rate" --duration "$WARMUP" --connections "$CONNECTIONS" --name warmup "${args[@]}" > /dev/null &
        warm+=($!)
    done
    wait "${warm[@]}"
    local -A before=()
    local role
    for role in "${!roles[@]}"; do [ -n "${roles[$role]}" ] && before[$role]=$(ticks "${roles[$role]}"); done
    local cache_before; cache_before=$(lookups)
    local index=0
    for spec in "${runs[@]}"; do
        read -r name rate kind <<< "$spec"
        case "$kind" in
            log) args=("${log_request[@]}" --values "$DATA/meals.tsv") ;;
            stats) args=("${stats_request[@]}" --values "$DATA/stats.tsv") ;;
            *) args=("${floor_request[@]}") ;;
        esac
        "$BIN/seed-load" --url "$BASE" --rate "$rate" --duration "$DURATION" --connections "$CONNECTIONS" --name "$name" "${args[@]}" \
            > "$DATA/run-$index.out" &
        out+=($!)
        index=$((index + 1))
    done
    wait "${out[@]}"
    local cache_after; cache_after=$(lookups)
    local ok=0 i
    for i in $(seq 0 $((index - 1))); do
        cat "$DATA/run-$i.out"
        ok=$((ok + $(awk '$1 ~ /\.ok$/ { print $2 }' "$DATA/run-$i.out")))
    done
    for role in gateway nutrition identity rabbitmq redis; do
        [ -n "${roles[$role]}" ] && [ -n "${before[$role]:-}" ] || continue
        awk -v t="$(( $(ticks "${roles[$role]}") - ${before[$role]} ))" -v hz="$(getconf CLK_TCK)" -v n="$ok" -v name="$mix" -v role="$role" \
            'BEGIN { if (n > 0) printf "%s.cpu_per_request.%s %.0f us\n", name, role, t / hz / n * 1e6 }'
    done
    read -r h0 m0 <<< "$cache_before"; read -r h1 m1 <<< "$cache_after"
    awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) -v name="$mix" \
        'BEGIN { if (h + m > 0) printf "%s.cache.hits %d\n%s.cache.misses %d\n%s.cache.hit_rate %.1f %%\n", name, h, name, m, name, 100 * h / (h + m) }'
}
for phase in $PHASES; do
    case "$phase" in
        floor) measure "nutrition.http_floor_$RATE" "nutrition.http_floor_$RATE $RATE floor" ;;
        log) measure "nutrition.log_$RATE" "nutrition.log_$RATE $RATE log" ;;
        stats) measure "nutrition.stats_$RATE" "nutrition.stats_$RATE $RATE stats" ;;
        mixed)
            writes=$((RATE * WRITE_PERCENT / 100))
            measure "nutrition.mixed_$RATE" "nutrition.mixed_$RATE.stats $((RATE - writes)) stats" "nutrition.mixed_$RATE.log $writes log" ;;
        *) die "unknown phase $phase (floor, log, stats, mixed)" ;;
    esac
done
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
