#!/usr/bin/env bash
# One load run of several bot processes on a fresh PostgreSQL database and
# Redis, with what the run cost each shared part (docs/PERFORMANCE.md, issue 14).
#
#   scripts/pgload.sh BOT NBLOAD NAME PROCS RATE [more nbload flags]
#   BOT_CPU=0.1 INFRA_SHARES=8192 scripts/pgload.sh …   (as root, cgroup v1)
#
# BOT and NBLOAD are built binaries (go build -o … ./cmd/neighborbot,
# ./cmd/nbload); NAME names the run's database (dropped first, kept after);
# PGURL (default postgres://postgres@127.0.0.1:5432) and REDIS_URL (default
# redis://127.0.0.1:6379/9, flushed first) say where the servers are;
# DURATION (default 30s) is how long nbload offers RATE messages a second.
#
# Each bot process nbload spawns starts through a wrapper that moves it into
# cgroups of its own (/sys/fs/cgroup/{cpu,cpuacct}/nb-NAME-PID), so its CPU
# is counted even after it exits (nbload's -kill-after). BOT_CPU (cores,
# e.g. 0.1) caps each bot process with a CFS quota once the load starts
# (set-up is not slowed), as if each ran on a machine of its own that
# small. INFRA_SHARES (e.g. 8192; a process of the root group weighs 1024)
# puts PostgreSQL, Redis and nbload in a cpu group of that weight, so that
# the capped bots, not the shared servers or the load generator, run short.
# PostgreSQL's processes are moved into a cpuacct group for the run, so the
# CPU of its backends is counted after they exit. Everything goes back to
# the root groups at the end. Needs root and cgroup v1 (cpu, cpuacct).
#
# Prints nbload's JSON summary, then one JSON line of the run's counters
# from the moment nbload starts offering (after its set-up): the database's
# (inbox table and index block reads, inbox rows read, transactions
# committed and rolled back, rows read and written; the messages received
# from the start that the bots handled, and the seconds from the start to
# the last one handled: handled/s on the bots' side, whatever nbload's
# answers wait for, e.g. the bot's own pacing of Telegram sends), deadlocks and
# serialization failures in the server log (PGLOG) for NAME, CPU seconds
# of each bot process with its periods throttled and run (of 100 ms,
# counted once BOT_CPU applies), CPU seconds of PostgreSQL (all its
# processes: run nothing else on it meanwhile), Redis's CPU seconds and
# calls by command; and "drained": the same CPU counters when the inbox
# was first seen empty after the offered load (seconds from the start;
# null if it never was), for the cost of handling without the answers
# the bot still paces out after it. One run at a time: two would share PostgreSQL's cgroup
# and the Redis database (which each flushes).
set -euo pipefail
bot=$1 nbload=$2 name=$3 procs=$4 rate=$5
shift 5
pg=${PGURL:-postgres://postgres@127.0.0.1:5432}
redis=${REDIS_URL:-redis://127.0.0.1:6379/9}
pglog=${PGLOG:-/var/log/postgresql/postgresql-15-main.log}
cg=/sys/fs/cgroup
tmp=$(mktemp -d /tmp/pgload-XXXXXX)

# moveall DIR PID…: moves the processes into the cgroup DIR.
moveall() {
  local dir=$1 pid
  shift
  for pid in "$@"; do echo "$pid" >"$dir/cgroup.procs" 2>/dev/null || true; done
}
cleanup() {
  local d try
  for d in "$cg"/cpu/nb-"$name"-* "$cg"/cpuacct/nb-"$name"-*; do
    for try in 1 2 3 4 5; do # PostgreSQL may fork a backend meanwhile
      [ -d "$d" ] || break
      moveall "${d%/*}" $(cat "$d/cgroup.procs") # back to the root group
      rmdir "$d" 2>/dev/null || sleep 0.2
    done
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

# The wrapper nbload spawns: its shell's PID becomes the bot's (exec).
cat >"$tmp/bot" <<EOF
#!/bin/sh
for h in cpu cpuacct; do
  mkdir $cg/\$h/nb-$name-\$\$ && echo \$\$ >$cg/\$h/nb-$name-\$\$/cgroup.procs || exit 1
done
exec $(realpath "$bot") "\$@"
EOF
chmod +x "$tmp/bot"

mkdir "$cg/cpuacct/nb-$name-pg"
moveall "$cg/cpuacct/nb-$name-pg" $(pgrep -x postgres)
run=(env)
if [ -n "${INFRA_SHARES:-}" ]; then
  mkdir "$cg/cpu/nb-$name-infra"
  echo "$INFRA_SHARES" >"$cg/cpu/nb-$name-infra/cpu.shares"
  moveall "$cg/cpu/nb-$name-infra" $(pgrep -x postgres) $(pgrep -x redis-server)
  run=(sh -c 'echo $$ >"$0"; exec "$@"' "$cg/cpu/nb-$name-infra/cgroup.procs")
fi

psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
redis-cli -u "$redis" flushdb >/dev/null
# redisstats: "name value" lines: CPU seconds and calls of each command.
redisstats() {
  redis-cli -u "$redis" info all | tr -d '\r' | awk -F'[:=,]' '
    /^used_cpu_(user|sys):/ { cpu += $2 }
    /^cmdstat_/ { print substr($1, 9), $3 }
    END { print "cpu", cpu }'
}
# start: when nbload has set up (4,000 groups) and starts offering, the
# counters start (database statistics reset, the rest read) and the bots
# get their quota: set-up is not counted, nor slowed by BOT_CPU.
start() {
  date +%s%3N >"$tmp/t0"
  psql -qtA "$pg/$name" -c "SELECT pg_stat_reset()" >/dev/null
  redisstats >"$tmp/redis0"
  echo $(($(stat -c %s "$pglog") + 1)) >"$tmp/logfrom"
  cat "$cg/cpuacct/nb-$name-pg/cpuacct.usage" >"$tmp/pgcpu0"
  local d quota
  quota=$(awk -v c="${BOT_CPU:-0}" 'BEGIN { print (c > 0 ? int(c * 100000) : -1) }')
  for d in "$cg"/cpuacct/nb-"$name"-[0-9]*; do
    echo "${d##*/} $(cat "$d/cpuacct.usage")" >>"$tmp/bots0"
    echo "$quota" >"$cg/cpu/${d##*/}/cpu.cfs_quota_us"
  done
  drained </dev/null >/dev/null 2>&1 &
}
# drained: from the end of the offered load, looks once a second whether
# a message is pending (one inbox row read a look); at the first look that finds none, writes the
# milliseconds since the start, PostgreSQL's CPU and each bot's CPU and
# throttled periods to $tmp/drained, and ends. The bots' work on the
# messages is done there; what follows is sending answers the bot paces
# (Telegram: 30 a second), which nbload waits for.
drained() {
  local n group
  sleep "$(awk -v d="${DURATION:-30s}" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }')"
  while [ ! -e "$tmp/stop" ]; do
    # (one row read at most: a count would add the backlog to the rows read)
    n=$(psql -qtA "$pg/$name" -c "SELECT EXISTS (SELECT 1 FROM inbox WHERE done_at = 0)" 2>/dev/null) || n=
    if [ "$n" = f ]; then
      {
        echo "at $(($(date +%s%3N) - $(cat "$tmp/t0")))"
        echo "pg $(cat "$cg/cpuacct/nb-$name-pg/cpuacct.usage")"
        while read -r group _; do
          echo "$group $(cat "$cg/cpuacct/$group/cpuacct.usage") $(awk '/^nr_periods/ { p = $2 } /^nr_throttled/ { t = $2 } END { print t, p }' "$cg/cpu/$group/cpu.stat")"
        done <"$tmp/bots0"
      } >"$tmp/drained.new" && mv "$tmp/drained.new" "$tmp/drained"
      return
    fi
    sleep 1
  done
}
{ # nbload's log (stderr) passes through a filter that sees the load start
  "${run[@]}" "$nbload" -spawn "$tmp/bot" -procs "$procs" -rate "$rate" -redis "$redis" \
    -db "$pg/$name?sslmode=disable" -duration "${DURATION:-30s}" -json "$@" 2>&1 >&3 |
    while IFS= read -r line; do
      printf '%s\n' "$line" >&2
      case $line in *"; offering "*) start || echo "pgload: counters not started" >&2 ;; esac
    done
} 3>&1

touch "$tmp/stop" # ends drained
logfrom=$(cat "$tmp/logfrom") t0=$(cat "$tmp/t0")
drained='"drained": null'
if [ -e "$tmp/drained" ]; then
  drained=$(awk -v pg0="$(cat "$tmp/pgcpu0")" 'NR == FNR { u0[$1] = $2; next }
    $1 == "at" { at = $2; next } $1 == "pg" { pg = ($2 - pg0) / 1e9; next }
    { bots = bots sprintf("%s[%.2f, %d, %d]", bots == "" ? "" : ",", ($2 - u0[$1]) / 1e9, $3, $4) }
    END { printf "\"drained\": {\"s\": %.1f, \"pg_cpu_s\": %.2f, \"bot_cpu_s_throttled_periods\": [%s]}", at / 1000, pg, bots }' \
    "$tmp/bots0" "$tmp/drained")
fi
pgcpu=$(($(cat "$cg/cpuacct/nb-$name-pg/cpuacct.usage") - $(cat "$tmp/pgcpu0")))
redisstats >"$tmp/redis1"
errors=$(tail -c +"$logfrom" "$pglog" | awk -v db="@$name " '
  !index($0, db) { next } /deadlock detected/ { d++ } /could not serialize/ { s++ }
  END { printf "\"deadlocks\": %d, \"serialization_failures\": %d", d, s }')
bots=$(while read -r group usage0; do
  awk -v u="$(cat "$cg/cpuacct/$group/cpuacct.usage")" -v u0="$usage0" \
    '/^nr_periods/ { p = $2 } /^nr_throttled/ { printf "[%.2f, %d, %d]\n", (u - u0) / 1e9, $2, p }' \
    "$cg/cpu/$group/cpu.stat"
done <"$tmp/bots0" | paste -sd,)
redis=$(awk 'NR == FNR { a[$1] = $2; next } { d = $2 - a[$1] }
  $1 == "cpu" { printf "\"redis_cpu_s\": %.2f", d; next }
  d > 0 && $1 != "info" { calls += d; by = by sprintf(", \"%s\": %d", $1, d) }
  END { printf ", \"redis_calls\": %d, \"redis_calls_by\": {%s}", calls, substr(by, 3) }' \
  "$tmp/redis0" "$tmp/redis1")
psql -qtA "$pg/$name" -c "SELECT json_build_object(
  'inbox_heap_blks', (SELECT heap_blks_hit + heap_blks_read FROM pg_statio_user_tables WHERE relname = 'inbox'),
  'inbox_idx_blks', (SELECT idx_blks_hit + idx_blks_read FROM pg_statio_user_tables WHERE relname = 'inbox'),
  'inbox_rows_read', (SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
    FROM pg_stat_user_tables WHERE relname = 'inbox'),
  'inbox_handled', (SELECT count(*) FROM inbox WHERE done_at > 0),
  'inbox_load_handled', load.n, 'inbox_load_last_done_s', load.last_s,
  'inbox_load_handled_per_s', round(load.n / nullif(load.last_s, 0), 1),
  'xact_commit', xact_commit, 'xact_rollback', xact_rollback,
  'tup_returned', tup_returned, 'tup_fetched', tup_fetched,
  'tup_written', tup_inserted + tup_updated + tup_deleted)
  FROM pg_stat_database, (SELECT count(*) AS n, round((max(done_at) - $t0) / 1000.0, 1) AS last_s
    FROM inbox WHERE received_at >= $t0 AND done_at > 0) AS load
  WHERE datname = current_database()" |
  sed "s/}\$/, $errors, $drained, \"pg_cpu_s\": $(awk -v n="$pgcpu" 'BEGIN { printf "%.2f", n / 1e9 }'), \"bot_cpu_s_throttled_periods\": [$bots], $redis}/"
