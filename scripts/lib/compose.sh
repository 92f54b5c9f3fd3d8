# shellcheck shell=bash
# Sourced by scripts/start, stop and clean: runs Docker Compose (the v2 plugin, else the v1
# docker-compose binary) on this repository's docker-compose.yml.
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    echo "Docker with Compose is needed (https://docs.docker.com/compose/install/)." >&2
    exit 1
  fi
}

# Waits until every container of the project reports "healthy"; fails fast on "unhealthy".
wait_healthy() {
  local deadline=$((SECONDS + ${1:-180})) ids id status pending
  ids="$(compose ps -q)"
  [ -n "$ids" ] || { echo "No containers are running." >&2; return 1; }
  while :; do
    pending=0
    for id in $ids; do
      status="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id")"
      case "$status" in
        healthy) ;;
        unhealthy | exited | dead)
          echo "A container is $status; its last log lines:" >&2
          docker logs --tail 30 "$id" >&2
          return 1 ;;
        *) pending=1 ;;
      esac
    done
    [ "$pending" = 1 ] || return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Still not healthy after ${1:-180}s; see: docker compose logs" >&2
      return 1
    fi
    sleep "${COMPOSE_POLL_SECONDS:-2}"
  done
}
