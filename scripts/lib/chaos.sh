#!/usr/bin/env bash
# The chaos suite (`scripts/chaos`, bench/README.md "Chaos"): against servers of its own (a RabbitMQ node and
# Redis under .data/chaos, loopback only) and the suite's identity, messaging, nutrition, work and gateway built
# optimised (each on its embedded store), it
#   - starts seed-chaos, which sets up users, a conversation and a board through the gateway, subscribes a
#     listener bus to the events of the changes it makes, and offers SEED_CHAOS_RATE requests/s of marked
#     commands (registrations, messages, meal logs, task creations; one attempt each),
#   - meanwhile kill -9's identity, messaging, nutrition, work, the gateway, the RabbitMQ node and Redis in
#     turn (SEED_CHAOS_ROUNDS rounds), SEED_CHAOS_GAP seconds apart, each restarted after SEED_CHAOS_DOWN
#     seconds, writing `<fault> killed|restarted <unix seconds>` to the driver's timeline,
#   - lets the driver read everything back through the gateway once the events have drained.
# Prints `name value unit` lines (seed-chaos --help explains them); exits non-zero when a command the gateway
# acknowledged was lost or stored twice, a committed change did not publish exactly one event, or a fault
# never recovered.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

FORM=${SEED_CHAOS_FORM:-long}
if [ "$FORM" = short ]; then
    ROUNDS=${SEED_CHAOS_ROUNDS:-1}; GAP=${SEED_CHAOS_GAP:-4}; DOWN=${SEED_CHAOS_DOWN:-3}; RATE=${SEED_CHAOS_RATE:-10}; TAIL=${SEED_CHAOS_TAIL:-8}
else
    ROUNDS=${SEED_CHAOS_ROUNDS:-2}; GAP=${SEED_CHAOS_GAP:-15}; DOWN=${SEED_CHAOS_DOWN:-8}; RATE=${SEED_CHAOS_RATE:-20}; TAIL=${SEED_CHAOS_TAIL:-15}
fi
FAULTS=${SEED_CHAOS_FAULTS:-identity messaging nutrition work gateway rabbitmq redis}
AMQP_PORT=${SEED_CHAOS_AMQP_PORT:-5692}
REDIS_PORT=${SEED_CHAOS_REDIS_PORT:-6388}
HTTP_PORT=${SEED_CHAOS_HTTP_PORT:-18980}   # the gateway; identity +1, messaging +2, nutrition +3, work +4
DATA="$SEED_ROOT/.data/chaos"
NODE=seedchaosrun${SEED_CHAOS_NODE_SUFFIX:-}
ADMIN=chaos.admin@example.com
CONTROL="$DATA/control"

seed_install_packages
declare -A pids=()
driver=
cleanup() {
    # Nothing here may fail: an error would end the trap before Redis and RabbitMQ stop.
    [ -z "$driver" ] || { kill "$driver" 2>/dev/null || true; wait "$driver" 2>/dev/null || true; }
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; seed_stop_rabbitmq )
    seed_stop_redis "$REDIS_PORT"
}
trap cleanup EXIT
cleanup
rm -rf "$DATA"
mkdir -p "$CONTROL"
seed_reset_rabbitmq "$DATA/rabbitmq"
start_broker() { ( seed_start_rabbitmq "$NODE" "$AMQP_PORT" "$DATA/rabbitmq" ); }
start_broker &
broker=$!
seed_start_redis "$REDIS_PORT" "$DATA/redis"
# SEED_CHAOS_NO_BUILD=1 runs the binaries already built (when the tree does not build meanwhile): the optimised
# ones, or those of SEED_CHAOS_BIN (scripts/test runs the short form on its debug build, .build/debug).
if [ -z "${SEED_CHAOS_NO_BUILD:-}" ]; then
    for product in seed-identity seed-messaging seed-nutrition seed-work seed-gateway seed-chaos; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the chaos RabbitMQ node did not start"
BIN=${SEED_CHAOS_BIN:-$SEED_ROOT/.build/release}
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)

declare -A ports=([gateway]=$HTTP_PORT [identity]=$((HTTP_PORT + 1)) [messaging]=$((HTTP_PORT + 2)) [nutrition]=$((HTTP_PORT + 3)) [work]=$((HTTP_PORT + 4)))
# Starts one of the suite's executables on its port and data folder (appending to its log).
start() {
    local name=$1 extra=()
    case "$name" in
        # Access tokens outlive the run (the default 15 minutes would not).
        identity) extra=(SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL="$ADMIN") ;;
        gateway) extra=(SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000) ;;
    esac
    env "${common[@]}" "${extra[@]}" SEED_HTTP_PORT="${ports[$name]}" SEED_DATA_DIR="$DATA/$name" \
        "$BIN/seed-$name" >> "$DATA/$name.log" 2>&1 &
    pids[$name]=$!
}
for name in identity messaging nutrition work gateway; do start "$name"; done
for name in identity messaging nutrition work gateway; do seed_wait_ready "${ports[$name]}"; done

now() { date +%s.%N; }
# kill -9's one part, waits, restarts it and waits until it answers again.
fault() {
    local label=$1 name=${1%%#*} pid
    case "$name" in
        rabbitmq) pid=$( ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; cat "$RABBITMQ_PID_FILE" ) ) ;;
        redis) pid=$(cat "$DATA/redis/redis.pid") ;;
        *) pid=${pids[$name]} ;;
    esac
    log "chaos: kill -9 $label (pid $pid)"
    kill -9 "$pid"
    echo "$label killed $(now)" >> "$CONTROL/timeline"
    case "$name" in rabbitmq|redis) while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done ;; *) wait "$pid" 2>/dev/null || true ;; esac
    sleep "$DOWN"
    echo "$label restarted $(now)" >> "$CONTROL/timeline"
    case "$name" in
        rabbitmq) start_broker ;;
        redis) seed_start_redis "$REDIS_PORT" "$DATA/redis" ;;
        *) start "$name"; seed_wait_ready "${ports[$name]}" ;;
    esac
    echo "$label ready $(now)" >> "$CONTROL/timeline"
}

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), form $FORM: $ROUNDS round(s) of kill -9 ($FAULTS), ${GAP} s apart, ${DOWN} s down, $RATE requests/s offered"
"$BIN/seed-chaos" --url "http://127.0.0.1:$HTTP_PORT" --amqp "$AMQP" --admin-email "$ADMIN" --control "$CONTROL" --rate "$RATE" --tail "$TAIL" &
driver=$!
until [ -f "$CONTROL/ready" ]; do
    kill -0 "$driver" 2>/dev/null || { wait "$driver"; die "seed-chaos ended before it was ready"; }
    sleep 0.2
done
for round in $(seq 1 "$ROUNDS"); do
    for name in $FAULTS; do
        sleep "$GAP"
        if [ "$round" -eq 1 ]; then fault "$name"; else fault "$name#$round"; fi
    done
done
touch "$CONTROL/faults-done"
status=0
wait "$driver" || status=$?
driver=
# How long each part took from its restart until it answered again (the broker: until `rabbitmqctl await_startup`).
awk '$2 == "restarted" { r[$1] = $3 } $2 == "ready" && ($1 in r) { printf "chaos.fault.%s.ready %.1f s\n", $1, $3 - r[$1] }' "$CONTROL/timeline" || true
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
