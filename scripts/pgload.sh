#!/usr/bin/env bash
# One load run of several bot processes on a fresh PostgreSQL database and
# Redis, with what the run cost the database (docs/PERFORMANCE.md, issue 14).
#
#   scripts/pgload.sh BOT NBLOAD NAME PROCS RATE [more nbload flags]
#
# BOT and NBLOAD are built binaries (go build -o … ./cmd/neighborbot,
# ./cmd/nbload); NAME names the run's database (dropped first, kept after);
# PGURL (default postgres://postgres@127.0.0.1:5432) and REDIS_URL (default
# redis://127.0.0.1:6379/9, flushed first) say where the servers are.
# Prints nbload's JSON summary, then one JSON line of the database's
# counters over the run: inbox table and index block reads, transactions
# committed and rolled back, rows read and written.
set -euo pipefail
bot=$1 nbload=$2 name=$3 procs=$4 rate=$5
shift 5
pg=${PGURL:-postgres://postgres@127.0.0.1:5432}
redis=${REDIS_URL:-redis://127.0.0.1:6379/9}
psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
redis-cli -u "$redis" flushdb >/dev/null
"$nbload" -spawn "$bot" -procs "$procs" -rate "$rate" -redis "$redis" \
  -db "$pg/$name?sslmode=disable" -duration "${DURATION:-30s}" -json "$@"
psql -qtA "$pg/$name" -c "SELECT json_build_object(
  'inbox_heap_blks', (SELECT heap_blks_hit + heap_blks_read FROM pg_statio_user_tables WHERE relname = 'inbox'),
  'inbox_idx_blks', (SELECT idx_blks_hit + idx_blks_read FROM pg_statio_user_tables WHERE relname = 'inbox'),
  'inbox_handled', (SELECT count(*) FROM inbox WHERE done_at > 0),
  'xact_commit', xact_commit, 'xact_rollback', xact_rollback,
  'tup_returned', tup_returned, 'tup_fetched', tup_fetched,
  'tup_written', tup_inserted + tup_updated + tup_deleted)
  FROM pg_stat_database WHERE datname = current_database()"
