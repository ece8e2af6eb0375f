#!/usr/bin/env bash
# `scripts/bench work`, the work benchmark (bench/README.md): against servers of its own (RabbitMQ, Redis under
# .data/bench-work) and the suite's identity, work, messaging, documents and gateway built optimised (work on its
# embedded store; messaging and documents only receive the commands work sends them), it
#   - sets up through the gateway: an admin with a service template, SEED_BENCH_CLIENTS (50) clients whose
#     questionnaires the admin approves into sprints, and SEED_BENCH_BOARDS (4) boards of SEED_BENCH_TASKS (500)
#     tasks each over the standard four columns,
#   - stops work, copies the sprints straight into its store until there are SEED_BENCH_SPRINTS (10,000)
#     (seed-bench-work preload-sprints), times the same reads straight from the store (the raw baseline,
#     seed-bench-work store-reads), starts work again,
#   - issue 19: a client's sprint list (first page, limit 20) and sprint detail at SEED_BENCH_SPRINT_RATE (500)
#     requests/s offered (seed-load),
#   - issue 20: board read (all columns with their tasks) and task move at SEED_BENCH_BOARD_RATE (300) requests/s,
#   - the gateway's HTTP floor (GET /health/live, no bus) at the same rates,
# each with the CPU every server process spent per request (from /proc). Prints `name value unit` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5703}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6403}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18880}   # the gateway; identity +1, work +2, messaging +3, documents +4
DURATION=${SEED_BENCH_SECONDS:-20}
WARMUP=${SEED_BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${SEED_BENCH_CONNECTIONS:-128}
CLIENTS=${SEED_BENCH_CLIENTS:-50}
SPRINTS=${SEED_BENCH_SPRINTS:-10000}
BOARDS=${SEED_BENCH_BOARDS:-4}
TASKS=${SEED_BENCH_TASKS:-500}
SPRINT_RATE=${SEED_BENCH_SPRINT_RATE:-500}
BOARD_RATE=${SEED_BENCH_BOARD_RATE:-300}
PHASES=${SEED_BENCH_PHASES:-floor sprint-list sprint-detail board-read task-move}
DATA="$SEED_ROOT/.data/bench-work"
NODE=seedbenchwork${SEED_BENCH_NODE_SUFFIX:-}
ADMIN=root@example.com

seed_install_packages
pids=()
work_pid=
cleanup() {
    # Nothing here may fail: an error would end the trap before Redis and RabbitMQ stop.
    [ -z "$work_pid" ] || { kill "$work_pid" 2>/dev/null || true; wait "$work_pid" 2>/dev/null || true; }
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
    for product in seed-identity seed-work seed-messaging seed-documents seed-gateway seed-load seed-bench-work; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"

common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
start_work() {
    env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/work" "$BIN/seed-work" >> "$DATA/work.log" 2>&1 &
    work_pid=$!
    seed_wait_ready $((HTTP_PORT + 2))
}
# Access tokens outlive the run (the default 15 minutes would not).
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 \
    SEED_IDENTITY_BOOTSTRAP_ADMIN_EMAIL="$ADMIN" "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 3)) SEED_DATA_DIR="$DATA/messaging" "$BIN/seed-messaging" > "$DATA/messaging.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 4)) SEED_DATA_DIR="$DATA/documents" SEED_DOCUMENTS_ROOT="$DATA/documents/files" \
    "$BIN/seed-documents" > "$DATA/documents.log" 2>&1 & pids+=($!)
start_work
for port in "$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 3)) $((HTTP_PORT + 4)); do seed_wait_ready "$port"; done
BASE="http://127.0.0.1:$HTTP_PORT"

# Setup through the API. clients.tsv (client id, token); boards.tsv (board, owner's token); moves.tsv
# (owner's token, task, column, position): each round moves one task of every column of every board to the
# next column (so the columns keep their sizes) at a position among the first 40, boards interleaved.
python3 - "$BASE" "$ADMIN" "$CLIENTS" "$BOARDS" "$TASKS" "$DATA" <<'PY'
import random, sys, time
base, admin_email, clients, boards, tasks, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
sys.path.insert(0, "scripts/lib")
import bench_api
from bench_api import call_api
def call(method, path, body, token=None): return call_api(base, method, path, body, token)
def person(email):
    credentials = {"email": email, "password": "correct horse battery"}
    call("POST", "/api/v1/auth/register", credentials)
    session = call("POST", "/api/v1/auth/login", credentials)
    return session["user"]["id"], session["accessToken"]
template_body = {"template": {"category": "mvp", "defaultDuration": 56, "defaultMilestones": [{"dayOffset": 14, "deliverables": ["Figma file"], "description": "Clickable prototype", "name": "Prototype"}],
    "description": "From idea to a working product", "isActive": True, "name": "MVP in 8 weeks",
    "packages": [{"basePrice": 12000, "currency": "USD", "description": "Two engineers, weekly demo", "engagementHours": 20, "features": ["Weekly demo", "Slack channel"], "name": "Standard"}],
    "recommendedTeamSize": 3, "requiredDocuments": [{"description": "Logo and colour rules", "fieldName": "brand_guide", "fieldType": "file", "fileTypes": ["pdf"], "isRequired": True, "label": "Brand guide", "maxFileSize": 10485760}]}}
_, admin = person(admin_email)
# Work learns who is an admin from identity's events: retry until it knows.
for attempt in range(200):
    try:
        template = call_api(base, "POST", "/api/v1/service-templates", template_body["template"], admin); break
    except SystemExit:
        bench_api._connections.clear(); time.sleep(0.1)
else:
    sys.exit("work never learned that the bootstrap admin is one")
with open(f"{data}/clients.tsv", "w") as out:
    for n in range(clients):
        client, token = person(f"client{n}@example.com")
        draft = call("POST", "/api/v1/questionnaires", {}, token)
        call("PUT", f"/api/v1/questionnaires/{draft['id']}/basic-info", {"keyGoals": "Ten paying operators by summer", "startupName": f"Bench {n}", "startupStage": "idea",
             "taskDescription": "A booking app for independent ferry operators.", "taskType": "Build an MVP", "timeCommitment": "full-time"}, token)
        call("PUT", f"/api/v1/questionnaires/{draft['id']}/requirements", {"budgetRange": "$10k-$25k", "milestones": ["prototype", "launch"], "timeline": "8 weeks"}, token)
        call("PUT", f"/api/v1/questionnaires/{draft['id']}/service-selection", {"selectedService": template["id"], "isCustom": False}, token)
        call("POST", f"/api/v1/questionnaires/{draft['id']}/submit", {}, token)
        call("POST", f"/api/v1/questionnaires/{draft['id']}/review", {"decision": "approve", "adminNotes": "Good fit"}, admin)
        out.write(f"{client}\t{token}\n")
_, owner = person("board.owner@example.com")
random.seed(20)
columns_of, moves = [], []
with open(f"{data}/boards.tsv", "w") as out:
    out.write("board\ttoken\n")
    for b in range(boards):
        board = call("POST", "/api/v1/boards", {"boardType": "project", "name": f"Bench board {b}", "visibility": "private"}, owner)
        columns = [c["id"] for c in board["columns"]]
        held = [[] for _ in columns]
        for t in range(tasks):
            c = t % len(columns)
            task = call("POST", "/api/v1/tasks", {"boardId": board["id"], "columnId": columns[c], "title": f"Task {t} of board {b}",
                        "description": "Date, route and passengers", "priority": ["low", "medium", "high"][t % 3], "taskType": "development", "estimatedHours": 4}, owner)
            held[c].append(task["id"])
        columns_of.append((board["id"], columns, held))
        out.write(f"{board['id']}\t{owner}\n")
rounds = []
for r in range(1000):
    for board, columns, held in columns_of:
        for c in range(len(columns)):
            task = held[c].pop(random.randrange(len(held[c])))
            target = (c + 1) % len(columns)
            position = random.randrange(min(40, len(held[target])) + 1)
            held[target].insert(position, task)
            moves.append(f"{owner}\t{task}\t{columns[target]}\t{position}\n")
with open(f"{data}/moves.tsv", "w") as out:
    out.write("token\ttask\tcolumn\tposition\n"); out.writelines(moves)
PY

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION} s per figure after ${WARMUP} s of warm-up, $CONNECTIONS connections, $CLIENTS clients, $SPRINTS sprints, $BOARDS boards of $TASKS tasks"

# The sprints, copied while work is stopped, and the raw baseline on the same store file.
kill "$work_pid"; wait "$work_pid" 2>/dev/null || true; work_pid=
"$BIN/seed-bench-work" preload-sprints --store "$DATA/work/store.sqlite" --sprints "$SPRINTS" --list "$DATA/sprints.txt" | sed 's/^/work./'
# lists.tsv (token) and details.tsv (token, sprint of that client's), clients interleaved.
python3 - "$DATA" <<'PY'
import sys
data = sys.argv[1]
tokens = dict(line.rstrip("\n").split("\t") for line in open(f"{data}/clients.tsv"))
own = {}
for line in open(f"{data}/sprints.txt"):
    client, sprint = line.rstrip("\n").split("\t")
    if client in tokens: own.setdefault(client, []).append(sprint)
with open(f"{data}/lists.tsv", "w") as out:
    out.write("token\n")
    for client in tokens: out.write(f"{tokens[client]}\n")
rows = []
depth = max(len(v) for v in own.values())
for k in range(depth):
    for client, sprints in own.items():
        if k < len(sprints): rows.append(f"{tokens[client]}\t{sprints[k]}\n")
with open(f"{data}/details.tsv", "w") as out:
    out.write("token\tsprint\n"); out.writelines(rows)
first = next(iter(own))
open(f"{data}/client.txt", "w").write(first)
open(f"{data}/client-sprints.txt", "w").write("\n".join(own[first]) + "\n")
PY
"$BIN/seed-bench-work" store-reads --store "$DATA/work/store.sqlite" --client "$(cat "$DATA/client.txt")" \
    --sprints "$DATA/client-sprints.txt" --board "$(sed -n 2p "$DATA/boards.tsv" | cut -f1)"
start_work

# CPU time (user + system, clock ticks) of a process so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
broker_pid=$( ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; cat "$RABBITMQ_PID_FILE" 2>/dev/null ) || true)
# Runs seed-load (name, then seed-load's arguments) with a warm-up, prints its figures and the CPU each
# server process spent per successful request.
measure() {
    local name=$1; shift
    "$BIN/seed-load" --url "$BASE" --duration "$WARMUP" --connections "$CONNECTIONS" --name warmup "$@" > /dev/null
    local -A roles=([gateway]=${pids[1]} [work]=$work_pid [identity]=${pids[0]} [rabbitmq]=$broker_pid)
    local -A before=()
    local role
    for role in "${!roles[@]}"; do [ -n "${roles[$role]}" ] && before[$role]=$(ticks "${roles[$role]}"); done
    local output; output=$("$BIN/seed-load" --url "$BASE" --duration "$DURATION" --connections "$CONNECTIONS" --name "$name" "$@")
    echo "$output"
    local ok; ok=$(echo "$output" | awk -v n="$name.ok" '$1 == n { print $2 }')
    for role in gateway work rabbitmq identity; do
        [ -n "${roles[$role]}" ] && [ -n "${before[$role]:-}" ] || continue
        awk -v t="$(( $(ticks "${roles[$role]}") - ${before[$role]} ))" -v hz="$(getconf CLK_TCK)" -v n="$ok" -v name="$name" -v role="$role" \
            'BEGIN { if (n > 0) printf "%s.cpu_per_request.%s %.0f us\n", name, role, t / hz / n * 1e6 }'
    done
    echo "# $name done: $(date -u '+%H:%M:%S UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
for phase in $PHASES; do
    case "$phase" in
        floor)
            measure "work.http_floor_$SPRINT_RATE" --rate "$SPRINT_RATE" --path /health/live ;;
        sprint-list)
            measure "work.sprint_list_$SPRINT_RATE" --rate "$SPRINT_RATE" --values "$DATA/lists.tsv" \
                --path '/api/v1/sprints?limit=20' --header 'authorization: Bearer {token}' ;;
        sprint-detail)
            measure "work.sprint_detail_$SPRINT_RATE" --rate "$SPRINT_RATE" --values "$DATA/details.tsv" \
                --path '/api/v1/sprints/{sprint}' --header 'authorization: Bearer {token}' ;;
        board-read)
            measure "work.board_read_$BOARD_RATE" --rate "$BOARD_RATE" --values "$DATA/boards.tsv" \
                --path '/api/v1/boards/{board}' --header 'authorization: Bearer {token}' ;;
        task-move)
            measure "work.task_move_$BOARD_RATE" --rate "$BOARD_RATE" --values "$DATA/moves.tsv" --method POST \
                --path '/api/v1/tasks/{task}/move' --header 'authorization: Bearer {token}' --header 'content-type: application/json' \
                --body '{"columnId":"{column}","position":{position}}' ;;
        *) die "unknown phase $phase (floor, sprint-list, sprint-detail, board-read, task-move)" ;;
    esac
done
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
