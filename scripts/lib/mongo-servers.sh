# shellcheck shell=bash
# MongoDB-wire-compatible test servers for the SeedStoreMongo tests (no real MongoDB installs here).
#
#   nx-27017 (pinned 0.8.1, SQLite underneath): CRUD, unique indexes, aggregation, transactions, TTL, $text;
#       narrows 64-bit integers to 32 bits, rejects Decimal128, does not isolate transactions.
#   SecantusDB (WiredTiger underneath, one-node replica set): keeps BSON types, isolates transactions;
#       has no $text.
#
# Both install from PyPI into a project virtual environment, .data/venv (never system-wide).
# Sourced after scripts/lib/infra.sh (uses log, die, seed_wait_port); every function is idempotent.

SEED_ROOT=${SEED_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SEED_MONGO_VENV=${SEED_MONGO_VENV:-$SEED_ROOT/.data/venv}
SEED_NX_VERSION=0.8.1

# Creates .data/venv and installs both servers into it when missing.
seed_install_mongo_servers() {
    local python=${PYTHON:-python3}
    if [ ! -x "$SEED_MONGO_VENV/bin/python" ]; then
        log "creating Python virtual environment $SEED_MONGO_VENV"
        "$python" -m venv "$SEED_MONGO_VENV" || die "python3 -m venv failed (install python3-venv)"
    fi
    local pip="$SEED_MONGO_VENV/bin/pip"
    if [ "$("$SEED_MONGO_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nx-27017"))' 2>/dev/null)" != "$SEED_NX_VERSION" ]; then
        log "installing nx-27017==$SEED_NX_VERSION into $SEED_MONGO_VENV"
        "$pip" install -q "nx-27017==$SEED_NX_VERSION" || die "pip install nx-27017 failed"
    fi
    if [ ! -x "$SEED_MONGO_VENV/bin/secantusd-py" ]; then
        log "installing SecantusDB into $SEED_MONGO_VENV"
        "$pip" install -q secantusdb || die "pip install secantusdb failed"
    fi
}

# Starts nx-27017 with an in-memory database, unless something already answers on the port.
#   seed_start_nx PORT DATA_DIR
seed_start_nx() {
    local port=$1 dir=$2
    mkdir -p "$dir"
    if seed_wait_port "$port" 0; then return 0; fi
    log "starting nx-27017 on 127.0.0.1:$port (logs in $dir)"
    "$SEED_MONGO_VENV/bin/nx-27017" --db memory --host 127.0.0.1 -p "$port" \
        --log-file "$dir/nx.log" --pid-file "$dir/nx.pid" >"$dir/nx.out" 2>&1 &
    echo $! >"$dir/nx.launcher.pid"
    seed_wait_port "$port" 60 || die "nx-27017 did not open port $port within 60 s; see $dir/nx.out"
}

# Stops the nx-27017 started by seed_start_nx in DATA_DIR.
#   seed_stop_nx DATA_DIR
seed_stop_nx() {
    seed_stop_pidfiles "$1/nx.pid" "$1/nx.launcher.pid"
}

# Starts SecantusDB in memory, unless something already answers on the port.
#   seed_start_secantus PORT DATA_DIR
seed_start_secantus() {
    local port=$1 dir=$2
    mkdir -p "$dir"
    if seed_wait_port "$port" 0; then return 0; fi
    log "starting SecantusDB on 127.0.0.1:$port (logs in $dir)"
    "$SEED_MONGO_VENV/bin/secantusd-py" --host 127.0.0.1 --port "$port" --storage-path :memory: \
        >"$dir/secantus.out" 2>&1 &
    echo $! >"$dir/secantus.pid"
    seed_wait_port "$port" 90 || die "SecantusDB did not open port $port within 90 s; see $dir/secantus.out"
}

# Stops the SecantusDB started by seed_start_secantus in DATA_DIR.
#   seed_stop_secantus DATA_DIR
seed_stop_secantus() {
    seed_stop_pidfiles "$1/secantus.pid"
}

# Sends TERM to the process named in each pid file that exists, waits up to 10 s, then removes the files.
seed_stop_pidfiles() {
    local file pid
    for file in "$@"; do
        [ -f "$file" ] || continue
        pid=$(cat "$file")
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        fi
        rm -f "$file"
    done
}

# Starts both servers on the given ports and exports what the tests read: SEED_TEST_MONGO_NX_URL,
# SEED_TEST_MONGO_SECANTUS_URL, SEED_TEST_MONGO_NX_COMMAND and SEED_TEST_MONGO_SECANTUS_COMMAND.
#   seed_start_mongo_servers NX_PORT SECANTUS_PORT DATA_DIR
seed_start_mongo_servers() {
    local nx_port=$1 secantus_port=$2 dir=$3
    seed_install_mongo_servers
    seed_start_nx "$nx_port" "$dir/nx"
    seed_start_secantus "$secantus_port" "$dir/secantus"
    export SEED_TEST_MONGO_NX_URL="mongodb://127.0.0.1:$nx_port/?serverSelectionTimeoutMS=5000"
    export SEED_TEST_MONGO_SECANTUS_URL="mongodb://127.0.0.1:$secantus_port/?directConnection=true&serverSelectionTimeoutMS=5000"
    # The unavailability test starts and stops a private nx-27017 of its own with this executable.
    export SEED_TEST_MONGO_NX_COMMAND="$SEED_MONGO_VENV/bin/nx-27017"
    # The insert-without-transactions test starts a private standalone SecantusDB with this executable.
    export SEED_TEST_MONGO_SECANTUS_COMMAND="$SEED_MONGO_VENV/bin/secantusd-py"
}

# Stops both servers started by seed_start_mongo_servers in DATA_DIR.
#   seed_stop_mongo_servers DATA_DIR
seed_stop_mongo_servers() {
    seed_stop_nx "$1/nx"
    seed_stop_secantus "$1/secantus"
}
