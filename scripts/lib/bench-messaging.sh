#!/usr/bin/env bash
# `scripts/bench messaging`, the messaging benchmark (bench/README.md): against servers of its own (RabbitMQ,
# Redis under .data/bench-messaging) and the suite's identity, messaging and gateway built optimised, it
#   - registers users, logs them in and creates conversations through the gateway,
#   - stops messaging, writes a history of SEED_BENCH_MESSAGES (1,000,000) messages straight into its store
#     (seed-bench-messaging preload), starts it again,
#   - read path: history pages (limit 50) at SEED_BENCH_READ_RATE (1,000) requests/s offered (seed-load),
#   - write path: send-message at each of SEED_BENCH_WRITE_RATES (200 500 1000) messages/s offered,
#   - ingest ceiling: send-message requests straight to messaging's queue, next to raw confirmed publishes,
# each with the CPU every server process spent per request (from /proc). Prints `name value unit` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5697}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6397}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18380}   # the gateway; identity +1, messaging +2
DURATION=${SEED_BENCH_SECONDS:-20}
WARMUP=${SEED_BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${SEED_BENCH_CONNECTIONS:-256}
USERS=${SEED_BENCH_USERS:-20}
CONVERSATIONS=${SEED_BENCH_CONVERSATIONS:-1000}
MESSAGES=${SEED_BENCH_MESSAGES:-1000000}
READ_RATE=${SEED_BENCH_READ_RATE:-1000}
WRITE_RATES=${SEED_BENCH_WRITE_RATES:-200 500 1000}
PHASES=${SEED_BENCH_PHASES:-read write ingest}
DATA="$SEED_ROOT/.data/bench-messaging"
NODE=seedbenchmsg${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
pids=()
messaging_pid=
cleanup() {
    # Nothing here may fail: an error would end the trap before Redis and RabbitMQ stop.
    [ -z "$messaging_pid" ] || { kill "$messaging_pid" 2>/dev/null || true; wait "$messaging_pid" 2>/dev/null || true; }
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
    for product in seed-identity seed-messaging seed-gateway seed-load seed-bench-messaging; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"

common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
start_messaging() {
    env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/messaging" "$BIN/seed-messaging" >> "$DATA/messaging.log" 2>&1 &
    messaging_pid=$!
    seed_wait_ready $((HTTP_PORT + 2))
}
# Access tokens outlive the run (the default 15 minutes would not).
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 \
    "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
start_messaging
seed_wait_ready "$HTTP_PORT"; seed_wait_ready $((HTTP_PORT + 1))
BASE="http://127.0.0.1:$HTTP_PORT"

# Users, tokens and conversations through the API. Each conversation is a group of 4 users; the files
# list each (conversation, member) once, member-major so that consecutive requests go to different
# conversations: targets.tsv (conversation, token) for seed-load, senders.tsv (conversation, user).
python3 - "$BASE" "$USERS" "$CONVERSATIONS" "$DATA" <<'PY'
import sys
base, users, conversations, data = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, "scripts/lib")
from bench_api import call_api
def call(method, path, body, token=None): return call_api(base, method, path, body, token)
people = []
for n in range(users):
    credentials = {"email": f"bench{n}@example.com", "password": "correct horse battery"}
    call("POST", "/api/v1/auth/register", credentials)
    session = call("POST", "/api/v1/auth/login", credentials)
    people.append((session["user"]["id"], session["accessToken"]))
rows = []
for c in range(conversations):
    members = [people[(c + k) % users] for k in range(4)]
    created = call("POST", "/api/v1/conversations",
                   {"type": "group", "title": f"bench {c}", "memberIds": [m[0] for m in members[1:]]}, members[0][1])
    rows.append([(created["id"], m) for m in members])
with open(f"{data}/targets.tsv", "w") as targets, open(f"{data}/senders.tsv", "w") as senders:
    targets.write("conversation\ttoken\n"); senders.write("conversation\tuser\n")
    for k in range(4):
        for row in rows:
            conversation, (user, token) = row[k]
            targets.write(f"{conversation}\t{token}\n"); senders.write(f"{conversation}\t{user}\n")
PY

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION} s per figure after ${WARMUP} s of warm-up, $CONNECTIONS connections, $USERS users, $CONVERSATIONS conversations"

# The stored history, written while messaging is stopped.
kill "$messaging_pid"; wait "$messaging_pid" 2>/dev/null || true; messaging_pid=
"$BIN/seed-bench-messaging" preload --store "$DATA/messaging/store.sqlite" --messages "$MESSAGES" | sed 's/^/messaging./'
start_messaging

# CPU time (user + system, clock ticks) of a process so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
broker_pid=$( ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; cat "$RABBITMQ_PID_FILE" 2>/dev/null ) || true)
redis_pid=$(cat "$DATA/redis/redis.pid" 2>/dev/null || true)
# Runs seed-load for a warm-up, then measured (name, then seed-load's arguments), and prints its figures
# and the CPU each server process spent per successful request.
measure() {
    local name=$1; shift
    "$BIN/seed-load" --url "$BASE" --duration "$WARMUP" --connections "$CONNECTIONS" --name warmup "$@" > /dev/null
    local -A roles=([gateway]=${pids[1]} [messaging]=$messaging_pid [identity]=${pids[0]} [rabbitmq]=$broker_pid [redis]=$redis_pid)
    local -A before=()
    local role
    for role in "${!roles[@]}"; do [ -n "${roles[$role]}" ] && before[$role]=$(ticks "${roles[$role]}"); done
    local output; output=$("$BIN/seed-load" --url "$BASE" --duration "$DURATION" --connections "$CONNECTIONS" --name "$name" "$@")
    echo "$output"
    local ok; ok=$(echo "$output" | awk -v n="$name.ok" '$1 == n { print $2 }')
    for role in gateway messaging rabbitmq redis identity; do
        [ -n "${roles[$role]}" ] && [ -n "${before[$role]:-}" ] || continue
        awk -v t="$(( $(ticks "${roles[$role]}") - ${before[$role]} ))" -v hz="$(getconf CLK_TCK)" -v n="$ok" -v name="$name" -v role="$role" \
            'BEGIN { if (n > 0) printf "%s.cpu_per_request.%s %.0f us\n", name, role, t / hz / n * 1e6 }'
    done
}
targets="$DATA/targets.tsv"
for phase in $PHASES; do
    case "$phase" in
        read)
            measure messaging.read --rate "$READ_RATE" --values "$targets" \
                --path '/api/v1/conversations/{conversation}/messages?limit=50' --header 'authorization: Bearer {token}' ;;
        write)
            for rate in $WRITE_RATES; do
                measure "messaging.write_$rate" --rate "$rate" --values "$targets" --method POST --expect-status 201 \
                    --path '/api/v1/conversations/{conversation}/messages' --header 'authorization: Bearer {token}' \
                    --header 'content-type: application/json' \
                    --body '{"clientMessageId":"w{run}-{seq}","content":"Message {seq}: the build is green; shall we ship the release on Monday after the review?"}'
            done ;;
        ingest)
            SEED_BENCH_BROKER_PID=$broker_pid "$BIN/seed-bench-messaging" ingest --amqp "$AMQP" --senders "$DATA/senders.tsv" \
                --messaging-pid "$messaging_pid" ;;
        *) die "unknown phase $phase (read, write, ingest)" ;;
    esac
done
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
