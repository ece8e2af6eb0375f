#!/usr/bin/env bash
# `scripts/bench documents`, the documents benchmark (bench/README.md): against servers of its own (RabbitMQ,
# Redis under .data/bench-documents) and the suite's identity, documents and gateway built optimised, it
# measures, through gateway → bus (256 KiB chunks, base64) → documents:
#   - upload and download throughput (MB/s) of 1 MB files (SEED_BENCH_SMALL_FILES of them, one after another)
#     and of one 100 MB file, next to the raw disk write (dd conv=fdatasync) and read (page cache dropped, or
#     O_DIRECT) of the same size on the same disk, measured in the same run: `ratio documents.upload` and
#     `ratio documents.download` (gateway MB/s over raw disk MB/s);
#   - the resident memory of the gateway and of the documents service (/proc/<pid>/status, VmRSS sampled
#     every 50 ms, and VmHWM) while a 100 MB and a SEED_BENCH_LARGE_MB (200) MB file go up and come back
#     down: the growth over each process's resident size before the transfer, against the bound of
#     decision 0018 (SEED_BENCH_MEMORY_BOUND_MB, 64).
# Prints `name value unit`, `ratio name value` and `bound name value` lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/infra.sh

AMQP_PORT=${SEED_BENCH_AMQP_PORT:-5698}
REDIS_PORT=${SEED_BENCH_REDIS_PORT:-6398}
HTTP_PORT=${SEED_BENCH_HTTP_PORT:-18480}   # the gateway; identity +1, documents +2
SMALL_FILES=${SEED_BENCH_SMALL_FILES:-20}
LARGE_MB=${SEED_BENCH_LARGE_MB:-200}
BOUND_MB=${SEED_BENCH_MEMORY_BOUND_MB:-64}
DATA="$SEED_ROOT/.data/bench-documents"
NODE=seedbenchdoc${SEED_BENCH_NODE_SUFFIX:-}

seed_install_packages
pids=()
sampler=
cleanup() {
    [ -z "$sampler" ] || { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; }
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
    for product in seed-identity seed-documents seed-gateway; do
        seed_swift_build -c release --product "$product" || die "build failed"
    done
fi
wait "$broker" || die "the benchmark RabbitMQ node did not start"
BIN="$SEED_ROOT/.build/release"
FILES="$DATA/files"
mkdir -p "$FILES"

common=(SEED_AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PORT/" SEED_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
        SEED_LOG_LEVEL=warning SEED_HTTP_HOST=127.0.0.1)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 1)) SEED_DATA_DIR="$DATA/identity" "$BIN/seed-identity" > "$DATA/identity.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT=$((HTTP_PORT + 2)) SEED_DATA_DIR="$DATA/documents" SEED_DOCUMENTS_ROOT="$DATA/documents/files" \
    SEED_DOCUMENTS_MAX_FILE_BYTES=$(( (LARGE_MB + 16) * 1024 * 1024 )) "$BIN/seed-documents" > "$DATA/documents.log" 2>&1 & pids+=($!)
env "${common[@]}" SEED_HTTP_PORT="$HTTP_PORT" SEED_DATA_DIR="$DATA/gateway" SEED_GATEWAY_RATE_LIMIT_MULTIPLIER=1000000 \
    "$BIN/seed-gateway" > "$DATA/gateway.log" 2>&1 & pids+=($!)
identity_pid=${pids[0]} documents_pid=${pids[1]} gateway_pid=${pids[2]}
for port in "$HTTP_PORT" $((HTTP_PORT + 1)) $((HTTP_PORT + 2)); do
    ready=
    for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && { ready=1; break; }; sleep 0.2; done
    [ -n "$ready" ] || die "nothing ready on port $port (logs in $DATA)"
done
BASE="http://127.0.0.1:$HTTP_PORT"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
curl -fs -X POST "$BASE/api/v1/auth/register" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"correct horse battery"}' > /dev/null
TOKEN=$(curl -fs -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"bench@example.com","password":"correct horse battery"}' | json accessToken)

# Text files (the documents service accepts plain text; random bytes are not an allowed type), each
# different so that dedup does not shorten the work.
make_file() { # path, MiB, seed
    python3 - "$1" "$2" "$3" <<'EOF'
import os, sys, base64
path, mib, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
block = base64.b64encode(os.urandom(3 * 1024 * 1024 // 4 * 1)).decode()[:1024 * 1024 - 1] + "\n"
with open(path, "w") as out:
    out.write(f"file {seed}\n")
    for _ in range(mib):
        out.write(block)
EOF
}
for index in $(seq 1 "$SMALL_FILES"); do make_file "$FILES/small-$index.txt" 1 "$index"; done
make_file "$FILES/medium.txt" 100 medium
make_file "$FILES/large.txt" "$LARGE_MB" large

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.3f", b / 1048576 }'; }
now() { date +%s.%N; }
drop_caches() { sync; echo 1 > /proc/sys/vm/drop_caches 2>/dev/null; }
upload() { # file → document id
    curl -fsS -X POST "$BASE/api/v1/documents" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/plain' \
        -H "X-File-Name: $(basename "$1")" -H 'Expect:' -T "$1" | json documentId
}
download() { # document id → /dev/null
    curl -fsS -o /dev/null "$BASE/api/v1/documents/$1/content" -H "Authorization: Bearer $TOKEN"
}

# Resident memory, sampled: `max VmRSS` in kB of a pid while the sampler runs.
start_sampler() { # output file
    ( while :; do
        printf '%s %s\n' "$(awk '/^VmRSS/ {print $2}' "/proc/$gateway_pid/status")" "$(awk '/^VmRSS/ {print $2}' "/proc/$documents_pid/status")"
        sleep 0.05
      done ) > "$1" &
    sampler=$!
}
stop_sampler() { kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

echo "# machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(. /etc/os-release && echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
echo "# disk: $(df -h "$DATA" | awk 'NR == 2 { print $1, $2 }'), file system $(stat -f -c %T "$DATA")"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Raw disk, same sizes, same folder: write with fdatasync; read with the page cache dropped (or O_DIRECT).
raw_write() { # MiB → MB/s
    local start end
    start=$(now); dd if=/dev/zero of="$DATA/raw.bin" bs=1M count="$1" conv=fdatasync status=none; end=$(now)
    awk -v mb="$1" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }'
}
raw_read() { # MiB → MB/s
    local start end flag=()
    drop_caches || flag=(iflag=direct)
    start=$(now); dd if="$DATA/raw.bin" of=/dev/null bs=1M count="$1" "${flag[@]}" status=none; end=$(now)
    awk -v mb="$1" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }'
}
if drop_caches; then echo "# raw read: page cache dropped before each read"; else echo "# raw read: O_DIRECT (drop_caches not permitted)"; fi

# 1 MB files: a batch one after another.
raw_small_write=$(raw_write 1); raw_small_read=$(raw_read 1)
ids=()
start=$(now)
for index in $(seq 1 "$SMALL_FILES"); do ids+=("$(upload "$FILES/small-$index.txt")"); done
end=$(now)
small_mb=$(awk -v n="$SMALL_FILES" -v m="$(mb "$FILES/small-1.txt")" 'BEGIN { print n * m }')
small_up=$(awk -v mb="$small_mb" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }')
start=$(now)
for id in "${ids[@]}"; do download "$id"; done
end=$(now)
small_down=$(awk -v mb="$small_mb" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }')
echo "raw.disk_write.1mb $raw_small_write MB/s"
echo "raw.disk_read.1mb $raw_small_read MB/s"
echo "documents.upload.1mb $small_up MB/s"
echo "documents.download.1mb $small_down MB/s"
awk -v g="$small_up" -v r="$raw_small_write" 'BEGIN { printf "ratio documents.upload.1mb %.3f\n", g / r }'
awk -v g="$small_down" -v r="$raw_small_read" 'BEGIN { printf "ratio documents.download.1mb %.3f\n", g / r }'

# A large file: throughput and the resident memory of both processes during the transfer.
transfer() { # label, file, MiB
    local label=$1 file=$2 size_mb; size_mb=$(mb "$2")
    local raw_w raw_r; raw_w=$(raw_write "$3"); raw_r=$(raw_read "$3")
    local gw_before doc_before; gw_before=$(rss "$gateway_pid"); doc_before=$(rss "$documents_pid")
    local gw_hwm_before doc_hwm_before; gw_hwm_before=$(hwm "$gateway_pid"); doc_hwm_before=$(hwm "$documents_pid")
    start_sampler "$DATA/rss-$label.txt"
    local start end id
    start=$(now); id=$(upload "$file"); end=$(now)
    local up; up=$(awk -v mb="$size_mb" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }')
    start=$(now); download "$id"; end=$(now)
    local down; down=$(awk -v mb="$size_mb" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", mb / (e - s) }')
    stop_sampler
    echo "raw.disk_write.$label $raw_w MB/s"
    echo "raw.disk_read.$label $raw_r MB/s"
    echo "documents.upload.$label $up MB/s"
    echo "documents.download.$label $down MB/s"
    awk -v g="$up" -v r="$raw_w" -v l="$label" 'BEGIN { printf "ratio documents.upload.%s %.3f\n", l, g / r }'
    awk -v g="$down" -v r="$raw_r" -v l="$label" 'BEGIN { printf "ratio documents.download.%s %.3f\n", l, g / r }'
    if [ "$label" = 100mb ]; then   # the headline figures (bench/RESULTS.md)
        awk -v g="$up" -v r="$raw_w" 'BEGIN { printf "ratio documents.upload %.3f\n", g / r }'
        awk -v g="$down" -v r="$raw_r" 'BEGIN { printf "ratio documents.download %.3f\n", g / r }'
    fi
    local role column before hwm_before
    for role in gateway documents; do
        if [ "$role" = gateway ]; then column=1 before=$gw_before hwm_before=$gw_hwm_before pid=$gateway_pid
        else column=2 before=$doc_before hwm_before=$doc_hwm_before pid=$documents_pid; fi
        awk -v c="$column" -v b="$before" -v role="$role" -v l="$label" -v bound="$BOUND_MB" '
            $c > max { max = $c }
            END {
                printf "documents.%s.rss_before.%s %.1f MB\n", l, role, b / 1024
                printf "documents.%s.rss_peak.%s %.1f MB\n", l, role, max / 1024
                printf "bound documents.%s.rss_growth.%s %.1f MB (bound %d MB: %s)\n", l, role, (max - b) / 1024, bound, (max - b) / 1024 <= bound ? "within" : "EXCEEDED"
            }' "$DATA/rss-$label.txt"
        echo "documents.$label.vmhwm.$role $(awk -v a="$hwm_before" -v b="$(hwm "$pid")" 'BEGIN { printf "%.1f MB (before %.1f MB)", b / 1024, a / 1024 }')"
    done
}
transfer 100mb "$FILES/medium.txt" 100
transfer "${LARGE_MB}mb" "$FILES/large.txt" "$LARGE_MB"
echo "# end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
