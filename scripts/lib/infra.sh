# shellcheck shell=bash
# Local infrastructure for Seed Suite: Debian packages, a RabbitMQ node and a Redis server,
# each kept in a project data folder so that they never touch a system-wide install.
# Sourced by scripts/run, scripts/test and .ci/run; every function is idempotent.

SEED_ROOT=${SEED_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SEED_APT_PACKAGES=(rabbitmq-server redis-server librabbitmq-dev libhiredis-dev libmongoc-dev libbson-dev libsqlite3-dev pkg-config curl poppler-utils libvips-tools unzip libopenblas-dev)

log() { printf '[seed] %s\n' "$*" >&2; }
die() { printf '[seed] error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages the suite needs, if any is missing.
seed_install_packages() {
    local missing=()
    for pkg in "${SEED_APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || die "apt-get update failed"
    # policy-rc.d keeps the package's init script from starting a system-wide broker.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install failed"
}

# Waits until a TCP port on 127.0.0.1 accepts connections, or fails after $2 seconds.
seed_wait_port() {
    local port=$1 timeout=${2:-60} start=$SECONDS
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        [ $((SECONDS - start)) -lt "$timeout" ] || return 1
        sleep 0.2
    done
}

# Waits up to 60 s until a Seed executable on PORT answers /health/ready; dies otherwise.
#   seed_wait_ready PORT
seed_wait_ready() {
    for _ in $(seq 1 300); do
        curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    die "nothing ready on port $1"
}

# The folder that really holds a node's data for DATA_DIR. RabbitMQ runs as the `rabbitmq` user, which
# cannot enter a project cloned under a private folder (/root, or mktemp -d's 0700 folders), so node
# data lives under /var/tmp/seed-rabbitmq, one folder per DATA_DIR.
#   seed_rabbitmq_dir DATA_DIR
seed_rabbitmq_dir() {
    printf '/var/tmp/seed-rabbitmq/%s\n' "$(printf '%s' "$1" | md5sum | cut -c1-16)"
}

# Deletes a stopped node's data, for a fresh start.
#   seed_reset_rabbitmq DATA_DIR
seed_reset_rabbitmq() {
    rm -rf "$(seed_rabbitmq_dir "$1")"
}

# Exports the environment that addresses one isolated RabbitMQ node.
#   seed_rabbitmq_env NAME AMQP_PORT DATA_DIR
seed_rabbitmq_env() {
    local name=$1 port=$2 dir
    dir=$(seed_rabbitmq_dir "$3")
    export RABBITMQ_NODENAME="$name@localhost"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT=$port
    export RABBITMQ_DIST_PORT=$((port + 20000))
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
}

# Starts (or reuses) an isolated RabbitMQ node; prints nothing, fails loudly.
#   seed_start_rabbitmq NAME AMQP_PORT DATA_DIR
seed_start_rabbitmq() {
    local name=$1 port=$2 dir
    dir=$(seed_rabbitmq_dir "$3")
    seed_rabbitmq_env "$name" "$port" "$3"
    mkdir -p "$dir/mnesia" "$dir/log"
    chmod 755 /var/tmp/seed-rabbitmq
    [ -f "$dir/enabled_plugins" ] || echo '[].' >"$dir/enabled_plugins"
    # Loopback-only; the default guest user may log in from localhost.
    [ -f "$dir/rabbitmq.conf" ] || printf 'loopback_users = none\nlisteners.tcp.default = 127.0.0.1:%s\n' "$port" >"$dir/rabbitmq.conf"
    if id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq:rabbitmq "$dir"; fi
    if rabbitmqctl -q status >/dev/null 2>&1; then return 0; fi
    log "starting RabbitMQ node $RABBITMQ_NODENAME on 127.0.0.1:$port (data in $dir)"
    rabbitmq-server -detached >/dev/null 2>&1 || die "rabbitmq-server failed to start; see $dir/log"
    seed_wait_port "$port" 90 || die "RabbitMQ did not open port $port within 90 s; see $dir/log"
    rabbitmqctl -q await_startup >/dev/null || die "RabbitMQ did not finish starting; see $dir/log"
}

# Stops the node addressed by the current RABBITMQ_* environment.
seed_stop_rabbitmq() {
    rabbitmqctl -q stop >/dev/null 2>&1 || true
}

# Starts (or reuses) a Redis server that keeps no data on disk.
#   seed_start_redis PORT DATA_DIR
seed_start_redis() {
    local port=$1 dir=$2
    mkdir -p "$dir"
    if redis-cli -p "$port" ping >/dev/null 2>&1; then return 0; fi
    log "starting Redis on 127.0.0.1:$port"
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null ||
        die "redis-server failed to start; see $dir/redis.log"
    seed_wait_port "$port" 30 || die "Redis did not open port $port; see $dir/redis.log"
}

seed_stop_redis() {
    local port=$1
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
}

# Runs `swift build` with the given arguments, hiding the dependency warnings that are not ours
# (pkg-config's -D_FILE_OFFSET_BITS, unhandled files in checkouts); fails when the build fails.
seed_swift_build() {
    local status
    set +o pipefail
    swift build "$@" 2>&1 | grep -vE 'prohibited flag|unhandled; explicitly declare|/\.build/checkouts/'
    status=${PIPESTATUS[0]}
    set -o pipefail
    return "$status"
}
