# shellcheck shell=bash
# The Chroma vector server for business-ai (PyPI `chromadb`, pinned), in the project venv .data/venv.
# Sourced after scripts/lib/infra.sh (uses log, die, seed_wait_port); every function is idempotent.
# Called by scripts/test (port 8690) and scripts/run (port 8000).

SEED_ROOT=${SEED_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SEED_CHROMA_VENV=${SEED_CHROMA_VENV:-$SEED_ROOT/.data/venv}
SEED_CHROMA_VERSION=1.5.9

seed_install_chroma() {
    local python=${PYTHON:-python3}
    [ -x "$SEED_CHROMA_VENV/bin/python" ] || "$python" -m venv "$SEED_CHROMA_VENV" || die "python3 -m venv failed"
    if [ "$("$SEED_CHROMA_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("chromadb"))' 2>/dev/null)" != "$SEED_CHROMA_VERSION" ]; then
        log "installing chromadb==$SEED_CHROMA_VERSION into $SEED_CHROMA_VENV"
        "$SEED_CHROMA_VENV/bin/pip" install -q "chromadb==$SEED_CHROMA_VERSION" || die "pip install chromadb failed"
    fi
}

# seed_start_chroma PORT DATA_DIR: starts `chroma run` unless something answers on the port.
seed_start_chroma() {
    local port=$1 dir=$2
    mkdir -p "$dir"
    if seed_wait_port "$port" 0; then return 0; fi
    log "starting Chroma on 127.0.0.1:$port (logs in $dir)"
    "$SEED_CHROMA_VENV/bin/chroma" run --host 127.0.0.1 --port "$port" --path "$dir/data" >"$dir/chroma.log" 2>&1 &
    echo $! >"$dir/chroma.pid"
    seed_wait_port "$port" 90 || die "Chroma did not open port $port within 90 s; see $dir/chroma.log"
}

# seed_stop_chroma DATA_DIR
seed_stop_chroma() {
    seed_stop_pidfiles "$1/chroma.pid"
}
