#!/usr/bin/env bash
# `scripts/bench business-ai`, the business-ai benchmark (bench/README.md): against servers of its own
# (RabbitMQ, Redis and Chroma under .data/bench-business-ai) and the suite's identity, documents,
# business-ai and gateway built optimised, with the offline all-MiniLM-L6-v2 embedder, it measures
#   - quality: seed-bench-business-ai quality — recall@1/@3 and answers containing the expected fact over the
#     documents and questions of bench/BusinessAIBench/Data, and the confidence threshold's effect,
#   - ingest: seed-bench-business-ai ingest — ingestion chunks/s of a 190,000-character document next to the
#     embedder alone on the same chunks, sentences/s, and the raw baselines of one question (embedding, Chroma query),
#   - chat: public-assistant answers over HTTP (gateway → bus → business-ai → MiniLM + Chroma) at
#     SEED_BENCH_RATE (10) questions/s offered (seed-load, open loop), first idle, then while
#     SEED_BENCH_LARGE_DOCUMENTS (3) documents of 190,000 characters, uploaded through documents, are ingested.
# Prints `name value unit` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh
source scripts/lib/embedding-model.sh
source scripts/lib/chroma.sh
source scripts/lib/mongo-servers.sh   # seed_stop_pidfiles

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5693}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6393}
CHROMA_PORT=${SEED_BENCH_CHROMA_PORT:-8793}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18680}   # the gateway; identity +1, documents +2, business-ai +3
DURATION=${SEED_BENCH_SECONDS:-20}
WARMUP=${SEED_BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${SEED_BENCH_CONNECTIONS:-32}
RATE=${SEED_BENCH_RATE:-10}
LARGE=${SEED_BENCH_LARGE_DOCUMENTS:-3}
PHASES=${SEED_BENCH_PHASES:-quality ingest chat}
DATA="$SEED_ROOT/.data/bench-business-ai"
NODE=seedbenchbai${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
seed_install_embedding_model
seed_install_chroma
pids=()
cleanup() {
    [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true; }
    ( seed_rabbitmq_env "$NODE" "$AMQP_PORT" "$DATA/rabbitmq"; seed_stop_rabbitmq )
    seed_stop_redis "$REDIS_PORT"
    seed_stop_chroma "$DATA/chroma"
}
trap cleanup EXIT
cleanup
rm -rf "$DATA"
seed_reset_rabbitmq "$DATA/rabbitmq"
( seed_start_rabbitmq "$NODE" "$AMQP_PORT" "$DATA/rabbitmq" ) &
broker=$!
seed_start_redis "$REDIS_PORT" "$DATA/redis"
seed_start_chroma "$CHROMA_PORT" "$DATA/chroma"
# SEED_BENCH_NO_BUILD=1 runs the optimised binaries already built (when the tree does not build meanwhile).
if [ -z "${SEED_BENCH_NO_BUILD:-}" ]; then
    for product in seed-identity seed-documents seed-business-ai seed-gateway seed-load seed-bench-business-ai; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
AMQP="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
CHROMA="http://127.0.0.1:$CHROMA_PORT"

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), load average: $(cut -d' ' -f1-3 /proc/loadavg), phases: $PHASES"

for phase in $PHASES; do
    case "$phase" in
        quality) echo "# quality (in-process service, MiniLM, Chroma)"; "$BIN/seed-bench-business-ai" quality --chroma "$CHROMA" --data bench/BusinessAIBench/Data ;;
        ingest) echo "# ingest (in-process service, MiniLM, Chroma), load average $(cut -d' ' -f1-3 /proc/loadavg)"; "$BIN/seed-bench-business-ai" ingest --chroma "$CHROMA" ;;
        chat) ;;
        *) die "unknown phase $phase (quality, ingest, chat)" ;;
    esac
done
case " $PHASES " in *" chat "*) ;; *) echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"; exit 0 ;; esac

common=(SEED_AMQP_URL="$AMQP" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" SEED_IDENTITY_ACCESS_TOKEN_SECONDS=86400 \
    "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/documents" \
    "$BIN/seed-documents" > "$DATA/documents.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 3)) SEED_DATA_DIR="$DATA/business-ai" SEED_CHROMA_URL="$CHROMA" \
    SEED_BUSINESS_AI_ADDRESS_KEY="$(head -c 32 /dev/urandom | base64)" \
    "$BIN/seed-business-ai" > "$DATA/business-ai.log" 2>&1 & pids+=($!)
for port in "$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 2)) $((HTTP_PORT + 3)); do seed_wait_ready "$port"; done
BASE="http://127.0.0.1:$HTTP_PORT"

# An owner, a public business with sources shown and a limit above the run's questions, the quality
# documents uploaded through documents (business-ai learns them from its events) and ingested;
# questions.tsv (question) for seed-load; business.env (token, id, slug) for the rest of the script.
python3 - "$BASE" "$DATA" <<'PY'
import glob, json, os, sys, time
base, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, "scripts/lib")
from bench_api import call_api
import http.client
def call(method, path, body, token=None): return call_api(base, method, path, body, token)
credentials = {"email": "bench-owner@example.com", "password": "correct horse battery"}
call("POST", "/api/v1/auth/register", credentials)
token = call("POST", "/api/v1/auth/login", credentials)["accessToken"]
business = call("POST", "/api/v1/businesses", {"businessName": "Bench Knowledge"}, token)
call("PATCH", f"/api/v1/businesses/{business['id']}", {"chatSettings": {"isPublic": True, "showSources": True, "rateLimitPerIP": 10000}}, token)
host, port = base.removeprefix("http://").split(":")
def upload(path, name):
    connection = http.client.HTTPConnection(host, int(port))
    with open(path, "rb") as f: body = f.read()
    connection.request("POST", f"/api/v1/documents?businessId={business['id']}", body,
                       {"authorization": "Bearer " + token, "content-type": "text/plain", "x-file-name": name})
    response = connection.getresponse(); text = response.read()
    if response.status >= 300: sys.exit(f"upload {name}: {response.status} {text[:300]!r}")
    return json.loads(text)["documentId"]
files = sorted(glob.glob("bench/BusinessAIBench/Data/*.txt"))
for path in files: upload(path, os.path.basename(path))
deadline = time.time() + 300
while True:
    documents = call("GET", f"/api/v1/businesses/{business['id']}/documents", None, token)["documents"]
    done = [d for d in documents if d["status"] in ("completed", "failed")]
    if len(done) == len(files): break
    if time.time() > deadline: sys.exit(f"ingestion did not finish: {[(d['originalName'], d['status']) for d in documents]}")
    time.sleep(0.5)
failed = [d["originalName"] for d in documents if d["status"] != "completed"]
if failed: sys.exit(f"not ingested: {failed}")
with open(f"{data}/questions.tsv", "w") as out:
    out.write("question\n")
    for line in open("bench/BusinessAIBench/Data/questions.tsv").read().splitlines()[1:]:
        out.write(line.split("\t")[2].replace('"', "'") + "\n")
with open(f"{data}/business.env", "w") as out:
    out.write(f"TOKEN={token}\nBUSINESS={business['id']}\nSLUG={business['businessSlug']}\n")
print(f"# setup: {len(files)} documents uploaded through documents and ingested ({sum(d['chunkCount'] for d in documents)} chunks)")
PY
source "$DATA/business.env"

ask=(--method POST --expect-status 200 --path "/api/v1/public/businesses/$SLUG/questions" --header 'content-type: application/json'
     --body '{"question":"{question}","sessionId":"sess_bench_{run}"}' --values "$DATA/questions.tsv")
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Runs seed-load at RATE after a warm-up; prints its figures and business-ai's and the gateway's CPU per answer.
chat_run() {
    local name=$1
    "$BIN/seed-load" --url "$BASE" --rate "$RATE" --duration "$WARMUP" --connections "$CONNECTIONS" --name warmup "${ask[@]}" > /dev/null
    local ai_before gw_before; ai_before=$(ticks "${pids[3]}"); gw_before=$(ticks "${pids[1]}")
    "$BIN/seed-load" --url "$BASE" --rate "$RATE" --duration "$DURATION" --connections "$CONNECTIONS" --name "$name" "${ask[@]}" | tee "$DATA/$name.out"
    local ok; ok=$(awk '$1 ~ /\.ok$/ { print $2 }' "$DATA/$name.out")
    awk -v a="$(( $(ticks "${pids[3]}") - ai_before ))" -v g="$(( $(ticks "${pids[1]}") - gw_before ))" -v hz="$(getconf CLK_TCK)" -v n="$ok" -v name="$name" \
        'BEGIN { if (n > 0) printf "%s.cpu_per_request.business-ai %.0f us\n%s.cpu_per_request.gateway %.0f us\n", name, a / hz / n * 1e6, name, g / hz / n * 1e6 }'
}

echo "# chat idle, load average $(cut -d' ' -f1-3 /proc/loadavg)"
chat_run "business_ai.chat_idle_$RATE"

# Large documents: generated handbooks of 190,000 characters (the free plan takes 200,000), every
# sentence different, uploaded one after another; the worker ingests them one at a time while the
# questions run.
python3 - "$DATA" "$LARGE" <<'PY'
import sys
data, count = sys.argv[1], int(sys.argv[2])
subjects = ["The front desk", "Our delivery team", "The warehouse in Lyon", "Each store manager", "The support line", "The night shift"]
verbs = ["checks", "records", "prepares", "reviews", "answers", "ships", "cleans", "approves"]
objects = ["incoming parcels", "refund requests", "the cash register", "customer emails", "the cold room", "gift card orders", "staff rotas"]
for d in range(count):
    parts, n, section = [], 0, 0
    while sum(map(len, parts)) < 190_000:
        section += 1
        parts.append(f"Section {section} of handbook {d}. Procedures of unit {section}.\n")
        for _ in range(8):
            n += 1
            parts.append(f"{subjects[n % 6]} {verbs[(n // 3) % 8]} {objects[(n // 7) % 7]} as rule {n} of procedure {section} in handbook {d} says, "
                         f"and logs it under reference {1000 + n * 7}. ")
        parts.append("\n")
    open(f"{data}/handbook-{d}.txt", "w").write("".join(parts)[:190_000])
PY
ingest_start=$(date +%s.%N)
for d in $(seq 0 $((LARGE - 1))); do
    curl -fsS -o /dev/null -X POST "$BASE/api/v1/documents?businessId=$BUSINESS" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/plain' \
        -H "X-File-Name: handbook-$d.txt" -H 'Expect:' -T "$DATA/handbook-$d.txt"
done
# documents.json: the handbooks' ingestion records now.
handbooks() {
    curl -fsS "$BASE/api/v1/businesses/$BUSINESS/documents" -H "Authorization: Bearer $TOKEN" | python3 -c '
import json, sys
docs = [d for d in json.load(sys.stdin)["documents"] if d["originalName"].startswith("handbook-")]
print(sum(d["status"] == "completed" for d in docs), sum(d["status"] == "processing" for d in docs), sum(d["chunkCount"] for d in docs),
      sum(d.get("processingTime") or 0 for d in docs))'
}
echo "# chat while $LARGE documents of 190,000 characters are ingested (uploaded at the start of the warm-up), load average $(cut -d' ' -f1-3 /proc/loadavg)"
chat_run "business_ai.chat_ingesting_$RATE"
read -r completed processing _ _ <<< "$(handbooks)"
echo "business_ai.chat_ingesting_$RATE.handbooks_at_end completed $completed processing $processing of $LARGE"
while :; do
    read -r completed processing chunks worker_ms <<< "$(handbooks)"
    [ "$completed" -lt "$LARGE" ] || break
    sleep 1
done
awk -v c="$chunks" -v s="$(echo "$(date +%s.%N) - $ingest_start" | bc)" -v w="$worker_ms" 'BEGIN {
    printf "business_ai.ingest_large.chunks %d chunks\nbusiness_ai.ingest_large.wall %.1f s (uploads to the last record completed, polled every second)\n", c, s
    printf "business_ai.ingest_large.worker_throughput %.1f chunks/s (chunks over the records'"'"' processingTime)\n", c / (w / 1000) }'
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
