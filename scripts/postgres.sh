#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks: nothing is kept after `stop`.
#
#   scripts/postgres.sh install   install postgresql-15 with apt when its pg_ctl is missing, and build the pgvector
#                                 extension when it is missing (needs root; see install_pgvector)
#   scripts/postgres.sh start     create a cluster in a temporary directory, start it, print its URL
#   scripts/postgres.sh stop      stop it and remove the directory
#   scripts/postgres.sh url       print the URL of the running cluster
#
# NEWSPRISM_PG_PORT picks the port (default 54329), so several clusters can run side by side.
# The cluster listens on 127.0.0.1 only, trusts local connections and runs with fsync off: it is for
# tests, never for data you want to keep.
set -euo pipefail

PORT=${NEWSPRISM_PG_PORT:-54329}
BIN=/usr/lib/postgresql/15/bin
EXTENSIONS=/usr/share/postgresql/15/extension
STATE=/tmp/newsprism-pg-$PORT.datadir
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"

die() { echo "postgres.sh: $*" >&2; exit 1; }

# Run a PostgreSQL binary as the postgres user when we are root (initdb refuses root), else as ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

install() {
  if [ -x "$BIN/pg_ctl" ]; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL 15 is not installed and installing it needs root (apt-get install postgresql-15)"
  command -v apt-get >/dev/null || die "PostgreSQL 15 is not installed and apt-get is not available"
  echo "postgres.sh: installing postgresql-15 with apt" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed (no network?)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2 || die "apt-get install postgresql-15 failed"
  [ -x "$BIN/pg_ctl" ] || die "postgresql-15 installed but $BIN/pg_ctl is missing"
}

# pgvector has no Debian 12 binary package: build Debian 13's source package (0.8) against
# postgresql-server-dev-15, fetched through a private apt state so the system's sources stay as they are.
# Best effort: without it the store works and searches vectors with faiss instead (the tests say so).
install_pgvector() {
  if [ -f "$EXTENSIONS/vector.control" ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "postgres.sh: pgvector is not installed (building it needs root and apt-get)" >&2
    return 1
  fi
  echo "postgres.sh: building pgvector from Debian's source package" >&2
  local work mirror opts
  work=$(mktemp -d /tmp/newsprism-pgvector-XXXXXX)
  mirror=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$work/sources.list"
  opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
        -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
  # (set -e does not hold inside a subshell followed by ||, hence the && chain)
  if ! (
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq postgresql-server-dev-15 make gcc >/dev/null &&
      apt-get "${opts[@]}" update -qq >/dev/null 2>&1 &&
      cd "$work" && apt-get "${opts[@]}" source --download-only pgvector >/dev/null 2>&1 &&
      tar xzf pgvector_*.orig.tar.gz && cd pgvector-*/ &&
      make -s OPTFLAGS="" PG_CONFIG="$BIN/pg_config" >/dev/null 2>&1 &&  # no -march=native: runs on any x86-64
      make -s install PG_CONFIG="$BIN/pg_config" >/dev/null 2>&1
  ); then
    rm -rf "$work"
    echo "postgres.sh: building pgvector failed (from $mirror); vectors stay in faiss" >&2
    return 1
  fi
  rm -rf "$work"
  [ -f "$EXTENSIONS/vector.control" ]
}

running() {
  [ -f "$STATE" ] && [ -d "$(cat "$STATE")" ] && as_owner "$BIN/pg_ctl" -D "$(cat "$STATE")" status >/dev/null 2>&1
}

start() {
  install
  install_pgvector || true
  cd /  # initdb and pg_ctl fail when started from a directory the postgres user cannot enter
  if running; then
    echo "$URL"
    return 0
  fi
  local dir
  dir=$(mktemp -d /tmp/newsprism-pg-XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
  fi
  echo "$dir" > "$STATE"
  as_owner "$BIN/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; die "initdb failed"; }
  rm -f "$dir.initdb.log"
  as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/log" >&2; die "pg_ctl start failed (is port $PORT taken?)"; }
  echo "$URL"
}

stop() {
  cd /
  [ -f "$STATE" ] || return 0
  local dir
  dir=$(cat "$STATE")
  if [ -d "$dir" ]; then
    as_owner "$BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  rm -f "$STATE"
}

case "${1:-}" in
  install) install; install_pgvector ;;
  start) start ;;
  stop) stop ;;
  url) running && echo "$URL" || die "no cluster running on port $PORT" ;;
  *) echo "usage: $0 install|start|stop|url" >&2; exit 2 ;;
esac
