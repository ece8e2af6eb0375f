#!/usr/bin/env bash
# `scripts/bench realtime`, the real-time edge benchmark (bench/README.md): against servers of its own
# (RabbitMQ, Redis under .data/bench-realtime) and the suite's identity, messaging and gateway built optimised,
#   - registers SEED_BENCH_USERS (1,000) users and logs them in, and puts them in conversations of
#     SEED_BENCH_MEMBERS (10) members through the gateway,
#   - connects one WebSocket client per user (seed-bench-realtime), measures the gateway's resident memory
#     per connection,
#   - sends messages over HTTP at each of SEED_BENCH_RATES (100 300) messages/s offered, and measures the
#     delivery latency from each send to each member's frame (p50, p99), deliveries/s and the share of
#     expected deliveries that arrived. Prints `name value unit` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5698}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6398}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18480}   # the gateway; identity +1, messaging +2
DURATION=${SEED_BENCH_SECONDS:-20}
WARMUP=${SEED_BENCH_WARMUP_SECONDS:-5}
USERS=${SEED_BENCH_USERS:-1000}
MEMBERS=${SEED_BENCH_MEMBERS:-10}
RATES=${SEED_BENCH_RATES:-100 300}
DATA="$SEED_ROOT/.data/bench-realtime"
NODE=seedbenchrt${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
pids=()
cleanup() {
    # Nothing here may fail: an error would end the trap before Redis and RabbitMQ stop.
    [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
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
    for product in seed-identity seed-messaging seed-gateway seed-bench-realtime; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
ulimit -n 65536 2>/dev/null || true

common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
# Access tokens outlive the run (the default 15 minutes would not).
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 \
    "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/messaging" "$BIN/seed-messaging" > "$DATA/messaging.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 SEED_GATEWAY_DEADLINE_MS=60000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
gateway_pid=${pids[2]}
seed_wait_ready "$HTTP_PORT"; seed_wait_ready $((HTTP_PORT + 1)); seed_wait_ready $((HTTP_PORT + 2))
BASE="http://127.0.0.1:$HTTP_PORT"

# Users (4 at a time: bcrypt bounds registration) and conversations of $MEMBERS members: users.tsv.
python3 - "$BASE" "$USERS" "$MEMBERS" "$DATA" <<'PY'
import concurrent.futures, http.client, json, sys, threading
base, users, members, data = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
host, port = base.removeprefix("http://").split(":")
local = threading.local()
def call(method, path, body, token=None):
    if not hasattr(local, "connection"): local.connection = http.client.HTTPConnection(host, int(port), timeout=120)
    headers = {"content-type": "application/json"}
    if token: headers["authorization"] = "Bearer " + token
    local.connection.request(method, path, json.dumps(body), headers)
    response = local.connection.getresponse(); text = response.read()
    if response.status >= 300: sys.exit(f"{method} {path}: {response.status} {text[:300]!r}")
    return json.loads(text)
def person(n):
    credentials = {"email": f"rt{n}@example.com", "password": "correct horse battery"}
    call("POST", "/api/v1/auth/register", credentials)
    session = call("POST", "/api/v1/auth/login", credentials)
    return session["user"]["id"], session["accessToken"]
with concurrent.futures.ThreadPoolExecutor(4) as pool: people = list(pool.map(person, range(users)))
def group(g):
    chunk = people[g * members:(g + 1) * members]
    created = call("POST", "/api/v1/conversations", {"type": "group", "title": f"rt {g}", "memberIds": [m[0] for m in chunk[1:]]}, chunk[0][1])
    return [(user, token, created["id"]) for user, token in chunk]
with concurrent.futures.ThreadPoolExecutor(8) as pool: rows = [row for chunk in pool.map(group, range(users // members)) for row in chunk]
with open(f"{data}/users.tsv", "w") as out:
    out.write("user\ttoken\tconversation\n")
    for user, token, conversation in rows: out.write(f"{user}\t{token}\t{conversation}\n")
PY

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION} s per rate after ${WARMUP} s of warm-up, $USERS users in conversations of $MEMBERS"
# SEED_BENCH_REALTIME_CLIENT: another build of the client (e.g. the debug one when only the servers are optimised).
"${SEED_BENCH_REALTIME_CLIENT:-$BIN/seed-bench-realtime}" --url "$BASE" --users "$DATA/users.tsv" --rates "$(echo $RATES | tr ' ' ,)" \
    --seconds "$DURATION" --warmup "$WARMUP" --gateway-pid "$gateway_pid"
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
