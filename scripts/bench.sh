#!/usr/bin/env bash
# Measures chancery's performance on SQLite and on PostgreSQL and rewrites
# docs/performance.md with the figures, judged against the goals the file
# states.
#
#   scripts/bench.sh
#
# For each engine it starts `chancery serve` on 127.0.0.1:0 with a fresh
# data folder (and, for PostgreSQL, a throwaway database, dropped at the
# end), next to a trivial "ok" server (chancery-load -serve), and drives
# the trivial handler, a mission page and the jurisdiction API with wrk
# (Debian's package, installed with apt-get if missing): a generator in C
# that is not what limits the trivial handler, so the ratios to it mean
# what they say. Then it runs the Go benchmarks in ./bench, the search
# benchmarks over a generated corpus and cmd/chancery-rush (a release of
# appointments, against a bare write through the same batcher) on each
# engine. Every figure is given beside the baseline measured in the same
# run, which is what stays comparable from one machine (or one busy
# moment) to another. Last, Lighthouse (mobile preset) audits the key
# pages LIGHTHOUSE_ROUNDS times over in Debian's Chromium
# (e2e/bench/lighthouse.mjs; the browser and e2e's npm packages are
# installed if missing).
#
# The file is meant to be committed from a clean HEAD with the default
# settings only: otherwise its first line says "DRAFT: …", and
# scripts/check-performance-doc.sh, which the tests run, fails on it.
# Measurements made by hand belong in docs/performance-history.md, never
# here.
#
# Everything it starts runs in a process group of its own and is stopped
# on exit, also on failure, Ctrl-C or SIGTERM. Every step is bounded in
# time or count; a full run takes ten to fourteen minutes on two busy
# processors, Lighthouse about three of them (it prints how long it took).
#
# Settings (environment): LOAD_C (64) connections and LOAD_THREADS (2) wrk
# threads, LOAD_DURATION (10s) per path after a LOAD_WARMUP (2s); BENCHTIME
# (2s) per Go benchmark; SEARCH_SCALE (1000) and SEARCH_BENCHTIME (5s) for
# the search; RUSH_N (200) places, RUSH_M (2000) requests, RUSH_C (500)
# clients for the release; LIGHTHOUSE_ROUNDS (3) audits of each page;
# UPLOAD_N (20x) uploads of 10 MB (and as many local writes);
# SKIP_POSTGRES=1 to measure SQLite only;
# PGHOST_BENCH (127.0.0.1), PGPORT_BENCH (5432), PGUSER_BENCH (postgres);
# BENCH_LIMIT (20m), the most the whole run may take; BENCH_OUT, another
# file to write than docs/performance.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STARTED=$(date +%s)

# name=default for every setting that changes the figures; a run with any
# other value writes a draft.
SETTINGS=(LOAD_C=64 LOAD_THREADS=2 LOAD_DURATION=10s LOAD_WARMUP=2s BENCHTIME=2s
	SEARCH_SCALE=1000 SEARCH_BENCHTIME=5s RUSH_N=200 RUSH_M=2000 RUSH_C=500 LIGHTHOUSE_ROUNDS=3 UPLOAD_N=20x SKIP_POSTGRES=)
CHANGED=()
for s in "${SETTINGS[@]}"; do
	name=${s%%=*} default=${s#*=}
	if [[ -n "${!name:-}" && "${!name}" != "$default" ]]; then
		CHANGED+=("$name=${!name}")
	else
		printf -v "$name" '%s' "$default"
	fi
done
PGH=${PGHOST_BENCH:-127.0.0.1}
PGP=${PGPORT_BENCH:-5432}
PGU=${PGUSER_BENCH:-postgres}
PG_ADMIN_URL="postgres://$PGU@$PGH:$PGP/postgres?sslmode=disable"
MISSION_PATH=/missions/by-cg-chongqing
JURIS_PATH='/api/v1/jurisdiction?sending=BY&place=Wuhan'
SLOTS_PATH='/api/v1/missions/by-cg-chongqing/slots?service=cq-visa'
PAGE_GOAL=0.5    # the mission page: at least half the trivial handler's requests/s
SLOTS_GOAL=0.3   # a service's slots (the whole booking window): at least 0.3 × the trivial handler's requests/s
RUSH_GOAL=0.5    # booking requests/s: at least half the batched bare write's (SQLite)
P99_GOAL=1.5     # booking p99: at most 1.5 × the batched bare write's p99
LIGHTHOUSE_GOAL=95 # Lighthouse performance (mobile preset): each page's median over the rounds at least this
CEILING_NEAR=0.8 # a baseline above this share of its generator's ceiling is bounded by it
OUT=${BENCH_OUT:-docs/performance.md} # BENCH_OUT: write elsewhere, for a look

for s in LOAD_DURATION LOAD_WARMUP; do
	[[ ${!s} =~ ^[0-9]+s$ ]] || {
		echo "bench.sh: $s must be whole seconds such as 10s" >&2
		exit 2
	}
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/chancery-bench.XXXXXX")
PIDS=()
PG_DB=""

log() { printf 'bench.sh: %s\n' "$*" >&2; }

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGH" -p "$PGP" -U "$PGU" -d postgres "$@"; }

# forget PID drops PID from the processes to stop, so that cleanup never
# signals a recycled process id.
forget() {
	local keep=() p
	for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
	PIDS=("${keep[@]}")
}

# spawn LOG CMD… starts CMD in the background as the leader of a process
# group of its own (go test's test binary, go's children and wrk's threads
# included), its output to LOG, and sets SPAWNED to its id.
spawn() {
	local out=$1
	shift
	setsid "$@" >"$out" 2>&1 &
	SPAWNED=$!
	PIDS+=("$SPAWNED")
}

# run LOG CMD… runs CMD to its end the way spawn starts it: an interrupt
# meanwhile stops it with the rest.
run() {
	spawn "$@"
	local pid=$SPAWNED rc=0
	wait "$pid" || rc=$?
	forget "$pid"
	return "$rc"
}

# stop_pid PID stops the process group PID leads: TERM, then KILL after 5s.
# It does not wait for PID: in cleanup, called from a signal's trap that
# interrupted run's wait, bash may have reaped PID already without knowing,
# and a wait would then block until some other child ends.
stop_pid() {
	local pid=$1
	if kill -0 -- "-$pid" 2>/dev/null; then
		kill -TERM -- "-$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 -- "-$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	forget "$pid"
}

drop_db() {
	if [[ -n "$PG_DB" ]]; then
		psql_admin -c "drop database if exists $PG_DB with (force)" >/dev/null 2>&1 ||
			log "could not drop database $PG_DB; drop it by hand"
		PG_DB=""
	fi
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	[[ -s ${WATCHDOG_LOG:-} ]] && cat "$WATCHDOG_LOG" >&2
	local pid
	for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
	drop_db
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_ready PID LOGFILE PATTERN SECONDS prints the first URL on the line
# matching PATTERN once the process has written it.
wait_ready() {
	local pid=$1 file=$2 pattern=$3 secs=$4 url
	for _ in $(seq 1 $((secs * 10))); do
		url=$(grep -m1 "$pattern" "$file" 2>/dev/null | grep -o 'http://[^ ]*' | head -n1 || true)
		if [[ -n "$url" ]]; then
			printf '%s\n' "${url%/}"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			log "process $pid exited before it was ready:"
			cat "$file" >&2
			return 1
		fi
		sleep 0.1
	done
	log "process $pid not ready after ${secs}s:"
	cat "$file" >&2
	return 1
}

# need_wrk installs Debian's wrk when it is missing, as
# scripts/install-browser.sh installs Chromium.
need_wrk() {
	command -v wrk >/dev/null 2>&1 && return 0
	local sudo=()
	if [[ $(id -u) != 0 ]]; then
		command -v sudo >/dev/null 2>&1 || {
			log "wrk is missing, and without root or sudo it cannot be installed: apt-get install wrk"
			return 1
		}
		sudo=(sudo -E)
	fi
	log "installing wrk (Debian package)"
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends wrk >&2 ||
		{ DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update >&2 &&
			DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends wrk >&2; }
	command -v wrk >/dev/null 2>&1
}

# dirty reports whether the checkout has changes other than
# docs/performance.md, which this script writes; or git cannot tell.
dirty() {
	local changes
	changes=$(git status --porcelain -- . ':(exclude)docs/performance.md' 2>/dev/null) || return 0
	[[ -n $changes ]]
}

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || true)
DRAFT=()
if [[ -z "$COMMIT" ]]; then
	DRAFT+=("outside a git checkout")
	COMMIT=unknown
elif dirty; then
	DRAFT+=("on a dirty tree")
fi
((${#CHANGED[@]} == 0)) || DRAFT+=("with ${CHANGED[*]}")
if ((${#DRAFT[@]})); then
	log "this run writes a draft (measured ${DRAFT[*]}); commit only a run at a clean HEAD with the default settings"
fi

# The whole run is bounded too: past BENCH_LIMIT (20m) it stops, and
# cleanup stops everything it started.
BENCH_LIMIT=${BENCH_LIMIT:-20m}
spawn "$WORK/watchdog.log" bash -c "sleep $BENCH_LIMIT && echo 'bench.sh: stopped after $BENCH_LIMIT (BENCH_LIMIT)' >&2 && kill -TERM $$"
WATCHDOG_LOG="$WORK/watchdog.log"

need_wrk
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
log "building chancery, chancery-load and chancery-rush"
go build -o "$WORK/chancery" ./cmd/chancery
go build -o "$WORK/chancery-load" ./cmd/chancery-load
go build -o "$WORK/chancery-rush" ./cmd/chancery-rush

log "starting the trivial baseline server"
spawn "$WORK/trivial.log" "$WORK/chancery-load" -trivial-addr 127.0.0.1:0 -serve
TRIV_PID=$SPAWNED
TRIVIAL_URL=$(wait_ready "$TRIV_PID" "$WORK/trivial.log" 'ready at' 10)

ENGINES=(sqlite)
[[ "$SKIP_POSTGRES" == 1 ]] || ENGINES+=(postgres)

# wrk_measure NAME URL FILE warms URL up, then measures it and appends
# "NAME requests seconds req/s p50-ms p99-ms failed non-2xx" to FILE.
wrk_measure() {
	local name=$1 url=$2 file=$3 secs=${LOAD_DURATION%s} figures
	run "$WORK/wrk-warmup.txt" timeout $((${LOAD_WARMUP%s} + 20)) \
		wrk -t "$LOAD_THREADS" -c "$LOAD_C" -d "$LOAD_WARMUP" --timeout 10s "$url"
	run "$WORK/wrk.txt" timeout $((secs + 30)) \
		wrk -t "$LOAD_THREADS" -c "$LOAD_C" -d "$LOAD_DURATION" --timeout 10s --latency \
		-s "$ROOT/scripts/wrk-summary.lua" "$url"
	cat "$WORK/wrk.txt" >&2
	figures=$(awk '$1 == "wrk-summary" { $1 = ""; print; exit }' "$WORK/wrk.txt")
	[[ -n "$figures" ]] || {
		log "wrk gave no summary for $url"
		return 1
	}
	echo "$name$figures" >>"$file"
}

# --- GET paths under wrk, one engine after the other -------------------------
for engine in "${ENGINES[@]}"; do
	data="$WORK/data-$engine"
	mkdir -p "$data"
	args=(serve -addr 127.0.0.1:0 -data "$data" -log text)
	if [[ $engine == postgres ]]; then
		PG_DB="chancery_bench_$$_$RANDOM"
		log "creating the throwaway database $PG_DB"
		psql_admin -c "create database $PG_DB" >/dev/null
		# PostgreSQL needs a key for uploaded files; a throwaway one here.
		args+=(-db "postgres://$PGU@$PGH:$PGP/$PG_DB?sslmode=disable" -data-key "$(head -c 32 /dev/urandom | base64)")
	fi
	log "starting chancery on $engine"
	spawn "$WORK/chancery-$engine.log" "$WORK/chancery" "${args[@]}"
	APP_PID=$SPAWNED
	APP_URL=$(wait_ready "$APP_PID" "$WORK/chancery-$engine.log" 'chancery is ready at' 90)
	log "chancery ($engine) is at $APP_URL; measuring with wrk"
	: >"$WORK/load-$engine.txt"
	wrk_measure trivial "$TRIVIAL_URL/" "$WORK/load-$engine.txt"
	wrk_measure "$MISSION_PATH" "$APP_URL$MISSION_PATH" "$WORK/load-$engine.txt"
	wrk_measure "$JURIS_PATH" "$APP_URL$JURIS_PATH" "$WORK/load-$engine.txt"
	wrk_measure "$SLOTS_PATH" "$APP_URL$SLOTS_PATH" "$WORK/load-$engine.txt"
	stop_pid "$APP_PID"
	drop_db
done
stop_pid "$TRIV_PID"

# go_bench ENGINE FILE ARGS… runs go test ./bench on ENGINE, its output to FILE.
go_bench() {
	local engine=$1 file=$2 pg=""
	shift 2
	[[ $engine == postgres ]] && pg=$PG_ADMIN_URL
	run "$file" env CHANCERY_TEST_POSTGRES="$pg" go test ./bench -run '^$' "$@" || {
		cat "$file" >&2
		log "go test ./bench $* failed on $engine"
		return 1
	}
}

# --- Go benchmarks --------------------------------------------------------------
GOBENCH='^Benchmark(Trivial|MissionPage|MissionPageUncached|JurisdictionAPI|EventTrivial|EventRegister|EventCancel|MRZTrivial|MRZ|QueueTrivial|QueuePage)$'
GOTEST_INFO=""
for engine in "${ENGINES[@]}"; do
	log "go test ./bench on $engine"
	go_bench "$engine" "$WORK/gobench-$engine.txt" -bench "$GOBENCH" -benchtime "$BENCHTIME" -timeout 300s
	grep -E '^(Benchmark|cpu:)' "$WORK/gobench-$engine.txt" >&2
	GOTEST_INFO=$(grep -m1 '^cpu:' "$WORK/gobench-$engine.txt" | sed 's/^cpu: *//; s/ *$//')
done

# --- a 10 MB upload against a local write (issue 14 §8) ---------------------------
for engine in "${ENGINES[@]}"; do
	log "upload of 10 MB on $engine"
	pg=""
	[[ $engine == postgres ]] && pg=$PG_ADMIN_URL
	run "$WORK/upload-$engine.txt" env CHANCERY_TEST_POSTGRES="$pg" go test ./applications -run '^$' \
		-bench '^Benchmark(Upload10MB|LocalWrite10MB)$' -benchtime "$UPLOAD_N" -timeout 5m || {
		cat "$WORK/upload-$engine.txt" >&2
		log "the upload benchmark failed on $engine"
		exit 1
	}
	grep -E '^Benchmark' "$WORK/upload-$engine.txt" >&2
done

# --- search over a generated corpus (issue 4 §9) -------------------------------
for engine in "${ENGINES[@]}"; do
	log "search benchmarks on $engine, corpus of $SEARCH_SCALE × the default record"
	CHANCERY_BENCH_SEARCH_SCALE=$SEARCH_SCALE go_bench "$engine" "$WORK/search-$engine.txt" \
		-bench '^BenchmarkSearch' -benchtime "$SEARCH_BENCHTIME" -timeout 8m
	grep -E '^Benchmark|corpus written|by query' "$WORK/search-$engine.txt" >&2
done

# --- appointment release ----------------------------------------------------------
for engine in "${ENGINES[@]}"; do
	log "appointment release on $engine"
	pgflag=()
	[[ $engine == postgres ]] && pgflag=(-db "$PG_ADMIN_URL")
	run "$WORK/rush-$engine.md" "$WORK/chancery-rush" -n "$RUSH_N" -m "$RUSH_M" -c "$RUSH_C" -timeout 2m "${pgflag[@]}" || {
		cat "$WORK/rush-$engine.md" >&2
		log "chancery-rush failed on $engine"
		exit 1
	}
	cat "$WORK/rush-$engine.md" >&2
done

# --- Lighthouse, mobile preset (issue 13) ------------------------------------------
# need_lighthouse installs Chromium (scripts/install-browser.sh) and e2e's
# npm packages when they are missing.
need_lighthouse() {
	bash scripts/install-browser.sh >&2
	[[ -f e2e/node_modules/lighthouse/package.json ]] || (cd e2e && npm ci --no-audit --no-fund >&2)
}
need_lighthouse
log "Lighthouse (mobile preset): $LIGHTHOUSE_ROUNDS rounds of the key pages"
LIGHTHOUSE_LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
run "$WORK/lighthouse.txt" timeout 15m env LIGHTHOUSE_ROUNDS="$LIGHTHOUSE_ROUNDS" node e2e/bench/lighthouse.mjs || {
	cat "$WORK/lighthouse.txt" >&2
	log "e2e/bench/lighthouse.mjs failed"
	exit 1
}
LIGHTHOUSE_LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
grep -E '^lighthouse-(audit|page) ' "$WORK/lighthouse.txt" >&2
LIGHTHOUSE_VERSION=$(node -p "require('./e2e/node_modules/lighthouse/package.json').version")
CHROMIUM_VERSION=$(/usr/bin/chromium --version 2>/dev/null | head -n1 | sed 's/ built on .*//')

END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $COMMIT != unknown && ${#DRAFT[@]} == 0 ]] && { dirty || [[ $(git rev-parse --short HEAD) != "$COMMIT" ]]; }; then
	DRAFT+=("on a tree that changed during the run")
fi
ELAPSED=$(($(date +%s) - STARTED))
TOOK="$((ELAPSED / 60)) min $((ELAPSED % 60)) s"

source "$ROOT/scripts/bench-report.sh"
write_report >"$WORK/performance.md"
mkdir -p "$(dirname "$OUT")"
mv "$WORK/performance.md" "$OUT"
log "wrote $OUT in $TOOK"
grep -E '^(DRAFT|This run)|the goal|goal\.$' "$OUT" >&2 || true
