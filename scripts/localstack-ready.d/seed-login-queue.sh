#!/usr/bin/env bash
# LocalStack ready.d hook, mounted by docker-compose.yml: when LocalStack is ready, create
# login-queue and login-queue-dlq and send the 100 sample messages. The health check waits for
# the marker file this writes, so "healthy" means "seeded".
set -euo pipefail
home="${DRAINBOARD_HOME:-/drainboard}"
marker="${SEED_MARKER:-/tmp/drainboard-seeded}"
rm -f "$marker"
"$home/scripts/seed-queue.sh" "${SEED_ENDPOINT:-http://localhost:4566}" "$home/data/sample_messages.jsonl"
touch "$marker"
