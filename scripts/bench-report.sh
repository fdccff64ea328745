# Writes docs/performance.md from the figures scripts/bench.sh measured in
# $WORK; sourced by scripts/bench.sh, which sets everything used here.
# Only what this run measured goes in: measurements made by hand are in
# docs/performance-history.md.

# calc FORMAT EXPR prints EXPR (an awk expression) in FORMAT, or "n/a"
# when a figure is missing or a divisor is zero.
calc() {
	local v
	v=$(awk "BEGIN { printf \"$1\", $2 }" 2>/dev/null) || v=n/a
	[[ $v =~ inf|nan ]] && v=n/a
	echo "$v"
}

# at_least A B and at_most A B succeed when A ≥ B (A ≤ B), numerically.
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && a + 0 >= b + 0) }'; }
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && a + 0 <= b + 0) }'; }

# load ENGINE NAME prints wrk's figures of one path: requests seconds req/s
# p50-ms p99-ms failed non-2xx.
load() { awk -v name="$2" '$1 == name { $1 = ""; print; exit }' "$WORK/load-$1.txt"; }

# metric ENGINE FILE NAME UNIT prints the value a Go benchmark reports in UNIT.
metric() {
	awk -v name="$3" -v unit="$4" '$1 ~ "^" name "(-[0-9]+)?$" { for (i = 2; i < NF; i++) if ($(i+1) == unit) { print $i; exit } }' "$WORK/$2-$1.txt"
}

# rush ENGINE KEY prints chancery-rush's figures of one measurement:
# requests 201 409 5xx other req/s p50-ms p99-ms.
rush() {
	awk -F'|' -v key="\`$2\`" '{ k = $2; gsub(/ /, "", k) } k == key {
		for (i = 4; i <= 11; i++) { v = $i; gsub(/ /, "", v); printf "%s ", v }
		print ""; exit }' "$WORK/rush-$1.md"
}

# verdict OK TEXT records one goal's verdict.
verdict() {
	GOALS_JUDGED=$((GOALS_JUDGED + 1))
	if [[ $1 == 1 ]]; then
		VERDICTS+="- $2 — **meets** the goal."$'\n'
	else
		GOALS_MISSED=$((GOALS_MISSED + 1))
		VERDICTS+="- $2 — **does not meet** the goal."$'\n'
	fi
}

# judge fills the tables and the verdicts from the figures.
judge() {
	VERDICTS="" GOALS_JUDGED=0 GOALS_MISSED=0 LOAD_TABLE="" BENCH_TABLE="" RUSH_TABLE="" RUSH_NOTES=""
	local engine p ok t_rps rr req secs rps p50 p99 failed non2 t v
	for engine in "${ENGINES[@]}"; do
		read -r _ _ t_rps _ _ _ _ <<<"$(load "$engine" trivial)"
		for p in trivial "$MISSION_PATH" "$JURIS_PATH" "$SLOTS_PATH"; do
			read -r req secs rps p50 p99 failed non2 <<<"$(load "$engine" "$p")"
			rr=$(calc "%.2f" "$rps / $t_rps")
			local shown="\`GET $p\`"
			[[ $p == trivial ]] && shown="trivial handler (\"ok\")"
			LOAD_TABLE+="| $engine | $shown | $req | $((failed + non2)) | $rps | $p50 | $p99 | $t_rps | **$rr** |"$'\n'
			if [[ $p == "$MISSION_PATH" ]]; then
				ok=0
				at_least "$rr" "$PAGE_GOAL" && ((failed + non2 == 0)) && ok=1
				local extra=""
				((failed + non2 == 0)) || extra=" ($((failed + non2)) requests failed or were not 2xx)"
				verdict "$ok" "Pages, $engine: the mission page served $rps req/s under wrk, $rr × the trivial handler's $t_rps req/s$extra"
			fi
			if [[ $p == "$SLOTS_PATH" ]]; then
				ok=0
				at_least "$rr" "$SLOTS_GOAL" && ((failed + non2 == 0)) && ok=1
				verdict "$ok" "Slots, $engine: a service's slots served $rps req/s under wrk, $rr × the trivial handler's $t_rps req/s"
			fi
		done
	done

	for engine in "${ENGINES[@]}"; do
		t=$(metric "$engine" gobench BenchmarkTrivial ns/op)
		for b in BenchmarkMissionPage BenchmarkMissionPageUncached BenchmarkJurisdictionAPI; do
			v=$(metric "$engine" gobench "$b" ns/op)
			BENCH_TABLE+="| $engine | $b | $v | $(calc "%.0f" "1e9 / $v") | $(calc "%.0f" "1e9 / $t") | **$(calc "%.3f" "$t / $v")** |"$'\n'
		done
	done

	local c_rps b_rps b_p99 u_rps u_p99 k_req k_201 k_409 k_5xx k_oth k_rps k_p50 k_p99 tr pr
	for engine in "${ENGINES[@]}"; do
		read -r _ _ _ _ _ c_rps _ _ <<<"$(rush "$engine" ceiling)"
		read -r _ _ _ _ _ u_rps _ u_p99 <<<"$(rush "$engine" bare)"
		read -r _ _ _ _ _ b_rps _ b_p99 <<<"$(rush "$engine" batched)"
		read -r k_req k_201 k_409 k_5xx k_oth k_rps k_p50 k_p99 <<<"$(rush "$engine" booking)"
		tr=$(calc "%.2f" "$k_rps / $b_rps")
		pr=$(calc "%.2f" "$k_p99 / $b_p99")
		RUSH_TABLE+="| $engine | $RUSH_C | $k_rps | $k_p99 | $b_rps | $b_p99 | **$tr** | **$pr** | $u_rps | $u_p99 | $(calc "%.2f" "$k_rps / $u_rps") | $c_rps |"$'\n'
		if [[ $engine == sqlite ]]; then
			ok=0
			at_least "$tr" "$RUSH_GOAL" && ok=1
			verdict "$ok" "Release throughput, $engine: $k_rps booking requests/s, $tr × the batched bare write's $b_rps"
		fi
		ok=0
		at_most "$pr" "$P99_GOAL" && ok=1
		verdict "$ok" "Release p99, $engine: booking p99 $k_p99 ms at $RUSH_C clients, $pr × the batched bare write's $b_p99 ms"
		if at_least "$(calc "%.3f" "$b_rps / $c_rps")" "$CEILING_NEAR"; then
			RUSH_NOTES+="- $engine: the batched bare write ($b_rps requests/s) came within $(calc "%.0f" "100 * (1 - $b_rps / $c_rps)") % of the clients' own ceiling ($c_rps requests/s): the clients, not the database, bound it, so the booking path's ratios to it flatter the booking path."$'\n'
		fi
	done

	lighthouse_rows

	if ((GOALS_MISSED == 0)); then
		SUMMARY="This run **meets** all $GOALS_JUDGED goals judged."
	else
		SUMMARY="This run **does not meet** $GOALS_MISSED of the $GOALS_JUDGED goals judged (details below)."
	fi
	LOAD_TABLE=${LOAD_TABLE%$'\n'}
	BENCH_TABLE=${BENCH_TABLE%$'\n'}
	RUSH_TABLE=${RUSH_TABLE%$'\n'}
}

# lighthouse_rows sets LIGHTHOUSE_TABLE from e2e/bench/lighthouse.mjs's
# lines (one a page: name path perf-min perf-median perf-max tbt-median
# tbt-max a11y-min bp-min seo-min) and judges the Lighthouse goal: every
# page's median performance score at least LIGHTHOUSE_GOAL.
lighthouse_rows() {
	LIGHTHOUSE_TABLE="" LIGHTHOUSE_AUDITS=""
	local name path pmin pmed pmax tmed tmax a11y bp seo ok=1 medians="" lowest=100
	while read -r _ name path pmin pmed pmax tmed tmax a11y bp seo; do
		LIGHTHOUSE_TABLE+="| $name | \`$path\` | **$pmed** | $pmin – $pmax | $tmed | $tmax | $a11y | $bp | $seo |"$'\n'
		medians+="${medians:+, }$name $pmed"
		at_least "$pmed" "$LIGHTHOUSE_GOAL" || ok=0
		at_least "$pmin" "$lowest" || lowest=$pmin
	done < <(grep '^lighthouse-page ' "$WORK/lighthouse.txt")
	[[ -n $medians ]] || ok=0
	verdict "$ok" "Lighthouse performance (mobile preset), median of $LIGHTHOUSE_ROUNDS audits a page: ${medians:-no figures}; the lowest single audit scored $lowest"
	LIGHTHOUSE_TABLE=${LIGHTHOUSE_TABLE%$'\n'}
	LIGHTHOUSE_AUDITS=$(awk '$1 == "lighthouse-audit" { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $5, $11, $9, $10, $12, $6, $7, $8 }' "$WORK/lighthouse.txt")
}

# search_rows sets the search table's rows, SEARCH_TABLE, and
# SEARCH_CORPUS and SEARCH_QUERIES.
search_rows() {
	local engine f t t50 t99 v p50 p99 recs
	SEARCH_TABLE="" SEARCH_CORPUS="" SEARCH_QUERIES="" MANY_TABLE=""
	for engine in "${ENGINES[@]}"; do
		f="$WORK/search-$engine.txt"
		t=$(metric "$engine" search BenchmarkSearchTrivial ns/op)
		t50=$(metric "$engine" search BenchmarkSearchTrivial p50-ms)
		t99=$(metric "$engine" search BenchmarkSearchTrivial p99-ms)
		v=$(metric "$engine" search BenchmarkSearchAPI ns/op)
		p50=$(metric "$engine" search BenchmarkSearchAPI p50-ms)
		p99=$(metric "$engine" search BenchmarkSearchAPI p99-ms)
		recs=$(metric "$engine" search BenchmarkSearchAPI records)
		SEARCH_TABLE+="| $engine | $recs | $(calc "%.0f" "1e9 / $v") | $p50 | $p99 | $(calc "%.0f" "1e9 / $t") | $t50 | $t99 | **$(calc "%.4f" "$t / $v")** | **$(calc "%.0f" "$p50 / $t50")** | **$(calc "%.0f" "$p99 / $t99")** |"$'\n'
		local m m50 m99
		m=$(metric "$engine" search BenchmarkSearchManyTerms ns/op)
		m50=$(metric "$engine" search BenchmarkSearchManyTerms p50-ms)
		m99=$(metric "$engine" search BenchmarkSearchManyTerms p99-ms)
		MANY_TABLE+="| $engine | $(calc "%.0f" "1e9 / $m") | $m50 | **$m99** | $t99 |"$'\n'
		SEARCH_CORPUS+="- $engine: $(grep -m1 'corpus written' "$f" | sed 's/^ *search_test.go:[0-9]*: engine [a-z]*, //' || true)"$'\n'
		SEARCH_QUERIES+="- $engine: $( (grep 'by query' "$f" || true) | tail -n1 | sed 's/^ *search_test.go:[0-9]*: by query[^:]*: //')"$'\n'
	done
	SEARCH_TABLE=${SEARCH_TABLE%$'\n'}
	MANY_TABLE=${MANY_TABLE%$'\n'}
}

# event_rows prints the event registration table's rows.
event_rows() {
	local engine t r c
	for engine in "${ENGINES[@]}"; do
		t=$(metric "$engine" gobench BenchmarkEventTrivial ns/op)
		r=$(metric "$engine" gobench BenchmarkEventRegister ns/op)
		c=$(metric "$engine" gobench BenchmarkEventCancel ns/op)
		printf '| %s | %s / %s | **%s** (%s/s) | %s / %s | **%s** (%s/s) | %s / %s |\n' "$engine" \
			"$(metric "$engine" gobench BenchmarkEventTrivial p50-ms)" "$(metric "$engine" gobench BenchmarkEventTrivial p99-ms)" \
			"$(calc '%.3f' "$t / $r")" "$(calc '%.0f' "1e9 / $r")" \
			"$(metric "$engine" gobench BenchmarkEventRegister p50-ms)" "$(metric "$engine" gobench BenchmarkEventRegister p99-ms)" \
			"$(calc '%.3f' "$t / $c")" "$(calc '%.0f' "1e9 / $c")" \
			"$(metric "$engine" gobench BenchmarkEventCancel p50-ms)" "$(metric "$engine" gobench BenchmarkEventCancel p99-ms)"
	done
}

# case_rows prints the consular cases table's rows (issue 14 §8).
case_rows() {
	local engine mt m qt q up lw
	for engine in "${ENGINES[@]}"; do
		mt=$(metric "$engine" gobench BenchmarkMRZTrivial ns/op)
		m=$(metric "$engine" gobench BenchmarkMRZ ns/op)
		qt=$(metric "$engine" gobench BenchmarkQueueTrivial ns/op)
		q=$(metric "$engine" gobench BenchmarkQueuePage ns/op)
		up=$(metric "$engine" upload BenchmarkUpload10MB ns/op)
		lw=$(metric "$engine" upload BenchmarkLocalWrite10MB ns/op)
		printf '| %s | %s / %s | **%s** (%s/s) | %s / %s | %s / %s | **%s** (%s/s) | %s / %s | %s / %s ms | **%s** |\n' "$engine" \
			"$(metric "$engine" gobench BenchmarkMRZTrivial p50-ms)" "$(metric "$engine" gobench BenchmarkMRZTrivial p99-ms)" \
			"$(calc '%.3f' "$mt / $m")" "$(calc '%.0f' "1e9 / $m")" \
			"$(metric "$engine" gobench BenchmarkMRZ p50-ms)" "$(metric "$engine" gobench BenchmarkMRZ p99-ms)" \
			"$(metric "$engine" gobench BenchmarkQueueTrivial p50-ms)" "$(metric "$engine" gobench BenchmarkQueueTrivial p99-ms)" \
			"$(calc '%.3f' "$qt / $q")" "$(calc '%.0f' "1e9 / $q")" \
			"$(metric "$engine" gobench BenchmarkQueuePage p50-ms)" "$(metric "$engine" gobench BenchmarkQueuePage p99-ms)" \
			"$(calc '%.1f' "$up / 1e6")" "$(calc '%.1f' "$lw / 1e6")" "$(calc '%.1f' "$up / $lw")"
	done
}

# raw_output TITLE KIND prints each engine's go test lines of KIND.
raw_output() {
	local engine
	for engine in "${ENGINES[@]}"; do
		printf '\n%s%s:\n\n```\n' "$engine" "$1"
		grep -E '^(goos|goarch|cpu|Benchmark)' "$WORK/$2-$engine.txt"
		printf '```\n'
	done
}

write_report() {
	judge
	local cpu nproc goversion now
	cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
	nproc=$(nproc)
	goversion=$(go version | sed 's/^go version //')
	now=$(date -u '+%Y-%m-%d %H:%M UTC')
	if ((${#DRAFT[@]})); then
		echo "DRAFT: measured ${DRAFT[*]} at $COMMIT; not to be committed (scripts/check-performance-doc.sh fails on it). Run scripts/bench.sh again at a clean HEAD with the default settings."
		echo
	fi
	cat <<EOF
# Performance

Written by \`scripts/bench.sh\` on $now at commit $COMMIT, in a run of $TOOK.
Do not edit by hand: run the script again to refresh it. Measurements made
by hand, with their dates and commits, are in
[performance-history.md](performance-history.md).

## Goals

Each goal compares a path with a baseline measured in the same run, on the
same machine, by the same load generator; the generator's own ceiling is
given beside each ratio, so that a ratio pushed towards 1 by the generator
shows as such.

1. **Pages.** The mission page (\`GET $MISSION_PATH\`) serves at least
   **$PAGE_GOAL ×** the requests/s of a trivial handler that writes "ok", both
   driven by wrk ($LOAD_THREADS threads, $LOAD_C connections). wrk reaches the trivial
   handler's rate, so its ceiling is at least that. (\`cmd/chancery-load\`,
   which measured these paths before, reached well under half of wrk's
   rate on the trivial handler and so pushed every ratio towards 1: see
   the history.)
2. **Appointment release, throughput.** Booking requests
   (\`POST /api/v1/bookings\`) are served at at least **$RUSH_GOAL ×** the
   requests/s of a bare write endpoint whose one trivial write per request
   goes through the same batcher as a booking's (issue 3; judged on
   SQLite, PostgreSQL's ratio is reported).
3. **Appointment release, p99.** At C = $RUSH_C concurrent clients, the booking
   requests' p99 is at most **$P99_GOAL ×** the p99 of that bare batched write
   endpoint, measured in the same run with the same clients (issue 10, on
   both engines). By Little's law, C clients that each send their next
   request as soon as an answer comes wait C ÷ throughput on average, so a
   bound in milliseconds (issue 3 asked for a p99 under 100 ms) is a
   throughput goal in disguise: at C = 500 a mean under 100 ms takes more
   than 5,000 requests/s, whatever the path does. A bound relative to the
   bare write's p99 at the same C is what the booking path itself can be
   held to.
4. **Slots.** A service's slots over its whole booking window
   (\`GET $SLOTS_PATH\`), which everyone refreshes in a release, serve
   at least **$SLOTS_GOAL ×** the trivial handler's requests/s under the
   same wrk, on both engines (issue 11, item 22), while exact: places,
   holds and day quotas as the booking would find them.
5. **Lighthouse performance.** With Lighthouse's default configuration, the
   mobile preset (simulated slow 4G and a CPU four times slower), the
   home, relationship, booking-start, event and sectors pages each score
   at least **$LIGHTHOUSE_GOAL** for performance, the median of $LIGHTHOUSE_ROUNDS audits
   (issue 13). Accessibility, best practices and SEO must score 100 on the
   same pages in every run: \`e2e/tests/lighthouse.test.mjs\` asserts that,
   and their figures from this run are below too.

$SUMMARY

$VERDICTS
## Machine

- Processors: $nproc (\`nproc\`); CPU model: $cpu (\`/proc/cpuinfo\`)${GOTEST_INFO:+; Go reports \`$GOTEST_INFO\`}
- Go: $goversion; wrk: $(wrk --version 2>&1 | head -n1 | awk '{ print $2 }')
- Load average (1, 5, 15 min): $START_LOAD at the start, $END_LOAD at the end.
  The generators, the servers and PostgreSQL share these processors, and any
  other work on the machine competes with them (a load average above $nproc means
  it did): absolute figures vary from run to run. The ratios to the
  baselines, measured minutes apart in the same run, are the figures to
  compare, though they move too when the machine is busy.

## How to reproduce

\`\`\`sh
scripts/bench.sh                               # both engines, rewrites this file (about 10-14 minutes)
SKIP_POSTGRES=1 LOAD_DURATION=3s scripts/bench.sh  # a quick look; writes a DRAFT, not to be committed
go test ./bench -run '^\$' -bench . -benchtime 2s  # Go benchmarks, SQLite
CHANCERY_TEST_POSTGRES='$PG_ADMIN_URL' \\
  go test ./bench -run '^\$' -bench . -benchtime 2s  # Go benchmarks, PostgreSQL
go run ./cmd/chancery-rush                     # the appointment release, SQLite
\`\`\`

To see where a page spends its time (the profile holds client and server):

\`\`\`sh
go test ./bench -run '^\$' -bench MissionPage -benchtime 3s -cpuprofile /tmp/cpu.out -o /tmp/bench.test
go tool pprof -top -cum /tmp/bench.test /tmp/cpu.out
\`\`\`

PostgreSQL must accept \`psql -h $PGH -p $PGP -U $PGU\`; the script creates throwaway
databases and drops them afterwards.

## Pages and the API under wrk

\`chancery serve\` on 127.0.0.1:0 with a fresh data folder and the default
dataset, and the trivial handler as its own process
(\`chancery-load -trivial-addr 127.0.0.1:0 -serve\`). Each path:
\`wrk -t $LOAD_THREADS -c $LOAD_C -d $LOAD_DURATION\` after $LOAD_WARMUP of the same, uncounted;
the trivial handler is measured first on each engine. "Failed" counts
transport errors and answers of 400 and above. The **throughput ratio** is
the path's requests/s ÷ the trivial handler's; the trivial handler's
requests/s, beside it, is the least wrk can reach here.

| engine | path | requests | failed | req/s | p50 ms | p99 ms | trivial req/s (wrk's ceiling at least) | throughput ratio |
|---|---|--:|--:|--:|--:|--:|--:|--:|
${LOAD_TABLE}

## Go benchmarks (\`go test ./bench -run '^\$' -bench … -benchtime $BENCHTIME\`)

The real server (\`web.New\`) over a migrated database seeded with the default
dataset, served by \`httptest.NewServer\` on loopback and fetched with
\`b.RunParallel\` (4 × GOMAXPROCS client goroutines, one shared keep-alive
client) in the same process: the client takes a large share of the
processors, which pushes the ratios towards 1, so no goal is judged on
these. The throughput ratio is the trivial handler's ns/op ÷ the path's.

| engine | benchmark | ns/op | req/s | trivial req/s | throughput ratio |
|---|---|--:|--:|--:|--:|
${BENCH_TABLE}
EOF
	raw_output "" gobench
	cat <<EOF

## Appointment release (\`cmd/chancery-rush\`)

A release of scarce appointments: one slot with $RUSH_N places, $RUSH_M booking
requests (\`POST /api/v1/bookings\`, each from its own simulated address and
person) from $RUSH_C concurrent clients, against the real server in the same
process on loopback, on a fresh database. The run fails unless exactly
$RUSH_N bookings are confirmed and stored, none is overbooked, and no answer
is a 5xx or a transport error.

Booking requests are group-committed (\`store/batch.go\`), so the baseline is
like them: a bare endpoint whose one trivial write per request (a
rate-limit counter upsert, \`store.DB.HitAll\`) goes through the same batcher,
on its own fresh database of the same engine. The same write in a
transaction of its own per request (\`store.DB.Hit\`, the baseline before
issue 10) is reported beside it, and so is the ceiling of the clients
themselves: a no-op endpoint that reads the body and answers 201. All four
get the same $RUSH_M requests from the same $RUSH_C clients, one after the other.

| engine | clients | booking req/s | booking p99 ms | batched bare req/s | batched bare p99 ms | throughput ratio | p99 ratio | bare req/s, own transaction | its p99 ms | throughput ratio to it | clients' ceiling req/s |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${RUSH_TABLE}

${RUSH_NOTES:+$RUSH_NOTES
}Reproduce: \`go run ./cmd/chancery-rush -n $RUSH_N -m $RUSH_M -c $RUSH_C\` (SQLite) and
\`go run ./cmd/chancery-rush -db '$PG_ADMIN_URL'\` (PostgreSQL).
EOF
	local engine
	for engine in "${ENGINES[@]}"; do
		printf '\n'
		cat "$WORK/rush-$engine.md"
	done
	search_rows
	cat <<EOF

How a booking request is served (\`web/api_booking.go\`, \`store/booking.go\`,
\`store/batch.go\`):

- It reads the service, the mission's calendar (kept per data revision) and
  the slot's places. A slot already full is refused after that read; the
  attempt is still counted against the rate limits (per address, per
  person, in the \`rate_limits\` table).
- Its writes are one job in a shared write transaction: while one batch
  runs, the requests that arrive wait, and the next batch (at most 64)
  takes them all, with one BEGIN and one COMMIT. A booking counts its rate
  limits first, then books in a savepoint, so a refused booking undoes only
  its own writes and its attempt stays counted. Every promise is still the
  database's: the conditional UPDATE of the slot, the unique indexes, the
  idempotency key's primary key, the rate-limit rows. Instances on one
  PostgreSQL run their batches side by side like any transactions; when two
  deadlock, PostgreSQL aborts one and its requests run again, alone.
- A booking is three statements after its rate limits (UPDATE … RETURNING
  for the place, INSERT … RETURNING for the booking, the confirmation into
  the outbox); the rate limits (a sliding window: this window's count and
  the previous one's) are three statements on SQLite and one on
  PostgreSQL, however many buckets.
- SQLite statements are prepared once per connection: modernc.org/sqlite
  would parse every query anew, on the single writer too.
- SQLite runs in WAL mode with synchronous=NORMAL: the WAL is synced at
  checkpoints, not at every commit. A crash of the process loses nothing
  committed; a power loss or a crash of the machine can lose the last
  transactions committed before it, and never corrupts the database.
  PostgreSQL keeps its defaults (synchronous_commit on).

The figures before the booking path was reworked, and those against the
unbatched baseline, are in [performance-history.md](performance-history.md).

## Search

Search over a generated corpus $SEARCH_SCALE times the size of the default
dataset's record of cooperation (issue 4 §9): \`GET /api/v1/search?q=…\`
(\`web/api_cooperation.go\`, \`store.CoopSearch\`) on the real server over a
migrated database, on loopback, from \`b.RunParallel\` (4 × GOMAXPROCS client
goroutines), $SEARCH_BENCHTIME per benchmark. The queries rotate: Yemelyanov,
Емельянов, 叶梅利扬诺夫, 重庆, Consul General, 白俄罗斯, Belarus, and one that
finds nothing. Every request has its own URL (\`&n=…\`), so the page cache
never answers: each is a search. Before the timer each query is asked once,
and the benchmark fails unless it finds what it must (the consul by every
spelling of his name, only records holding every character of a Chinese
query, nothing for the last one).

The corpus (\`bench/search_test.go\`) is every record of the default record
copied $((SEARCH_SCALE - 1)) times, each copy with its own identifier (its
references pointing at copies) and its own names and titles: in each
language about half the words are swapped for words drawn from that
language's texts in the whole record, so a word is about as common in the
corpus as in the record, and shuffled; Chinese is cut into two-character
pieces, swapped and shuffled the same way, so copies have character runs
of their own. The scale is \`CHANCERY_BENCH_SEARCH_SCALE\`: 10 when unset,
which is what CI's one-iteration run of every benchmark (\`scripts/test.sh\`)
uses; this script sets $SEARCH_SCALE (\`SEARCH_SCALE\`).

| engine | records | queries/s | p50 ms | p99 ms | trivial req/s | trivial p50 ms | trivial p99 ms | throughput ratio | latency ratio (p50) | latency ratio (p99) |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${SEARCH_TABLE}

Queries/s is 1e9 ÷ the ns/op of \`BenchmarkSearchAPI\`; the trivial handler's
requests/s, p50 and p99 are those of \`BenchmarkSearchTrivial\`, the trivial
handler fetched with the same timing loop in the same \`go test\` run. The
latencies include the client goroutines' wait for the processors, which
they share with the server and the database.

A query of 32 terms, the most a search accepts (\`BenchmarkSearchManyTerms\`:
short words of the record's searchable texts; issue 11 §6 asks for a p99
under 50 ms on this corpus), from the same clients:

| engine | queries/s | p50 ms | p99 ms | trivial p99 ms |
|---|--:|--:|--:|--:|
${MANY_TABLE}

By query, p50/p99 ms (requests), from the same run:

${SEARCH_QUERIES}
How a search works (\`store/coop_search.go\`): \`coop_terms\` holds
each record's date beside its kind, keyed (term, kind, date, id), the
result order, with a foreign key on (kind, id, date) that makes the
database keep the date its record's. The query's terms are counted, each
up to 1,000 rows (a count is remembered by the process for five
minutes: it only orders the terms, the answer is always read afresh), and
the rarest drives: its rows are read from the key
in result order (after the cursor, for a later page), each checked for
the next terms by one lookup of its key each, rarer first (two on SQLite,
four on PostgreSQL), then for the rest at once, and the reading
stops at the page's end; only the page's documents are read. A Chinese
character that a pair of the query holds is not looked up: the pair
implies it. On PostgreSQL each check is fenced (\`OFFSET 0\`) so it stays
a subquery. The corpus is vacuumed on PostgreSQL before the benchmarks,
the state autovacuum reaches soon after a bulk load. The plans, and the
figures before migration 00009_search, are in
[performance-history.md](performance-history.md).

Writing the corpus (before the benchmarks, not in their figures): the
first 10 copies of the record one \`store.SaveCoop\` (one transaction) each,
the rest through \`store.DB.Import\`, 20 copies (about 1,900 records) a
transaction:

${SEARCH_CORPUS}
Reproduce:

\`\`\`sh
CHANCERY_BENCH_SEARCH_SCALE=$SEARCH_SCALE go test ./bench -run '^\$' -bench '^BenchmarkSearch' -benchtime $SEARCH_BENCHTIME -timeout 10m
CHANCERY_TEST_POSTGRES='$PG_ADMIN_URL' CHANCERY_BENCH_SEARCH_SCALE=$SEARCH_SCALE \\
  go test ./bench -run '^\$' -bench '^BenchmarkSearch' -benchtime $SEARCH_BENCHTIME -timeout 10m
\`\`\`
EOF
	raw_output ", search" search
	cat <<EOF

## Event registration

\`bench/events_test.go\` registers for one event of **ten places with a
waiting list** from parallel clients (\`POST /api/v1/events/{id}/registrations\`,
each from an address of its own, so no rate limit answers): every request
contends for the event's row, whose counters a conditional update changes,
and enqueues its message in the same transaction. The cancellation
benchmark cancels in the order of arrival: each cancellation of a place
promotes the first in line and mails both people in its transaction. The
baseline is the trivial handler sent the same POSTs in the same
\`go test\` run; the throughput ratio is its ns/op ÷ the benchmark's. The
benchmarks check the event's counters against its rows, never the time.

| engine | baseline p50 / p99 ms | register, throughput ratio | register p50 / p99 ms | cancel and promote, throughput ratio | cancel p50 / p99 ms |
|---|--:|--:|--:|--:|--:|
EOF
	event_rows
	cat <<EOF

## Consular cases

\`bench/cases_test.go\` reads a passport's machine-readable zone through
\`POST /api/v1/mrz\` (the ICAO Doc 9303 TD3 specimen) and serves a consul
the desk's queue page (\`GET /staff/missions/by-cg-chongqing/cases?queue=new\`:
the session checked in the database, the first 50 new cases and every
queue's count) of a mission holding **100,000 cases** in every stage
(\`storetest.FillCases\`), from parallel clients; each beside the trivial
handler sent the same requests the same way in the same run (throughput
ratio = its ns/op ÷ the benchmark's). \`applications/bench_test.go\`
uploads a 10 MB PDF through the workflow (the checks, the transaction
with the limits, the content encrypted into the database in 256 KiB
chunks) beside writing the same bytes to a local file
(\`BenchmarkLocalWrite10MB\`, $UPLOAD_N each); the last column is how many
times longer the upload takes.

| engine | MRZ baseline p50 / p99 ms | MRZ, throughput ratio | MRZ p50 / p99 ms | queue baseline p50 / p99 ms | queue page, throughput ratio | queue p50 / p99 ms | upload / local write, 10 MB | upload ÷ local write |
|---|--:|--:|--:|--:|--:|--:|--:|--:|
EOF
	case_rows
	cat <<EOF

## How the pages are served

Public pages and API answers for readers who are not signed in are kept
rendered in each instance's memory, keyed by the data revision, the day in
the missions' time zone, the language and the URL (\`web/cache.go\`). Every
audited change raises the revision in its own transaction, so each request
reads the revision first (one primary-key read) and a change made through
any instance shows at once through all of them. That one read is the price
of correctness across instances: on SQLite it is a local call, on
PostgreSQL a network round trip that costs more than the whole trivial
request. So on PostgreSQL requests that arrive while a revision read is
under way share the next one (\`store/revision.go\`): each still gets a
read that began after it arrived, so no change committed before it is
missed, and under load one round trip serves many requests (its A/B is
in [performance-history.md](performance-history.md)).
\`BenchmarkMissionPageUncached\` measures the page rendered afresh every
time (data reads and templates), which is what the first reader after a
change pays.

## Lighthouse (mobile preset)

\`e2e/bench/lighthouse.mjs\`: Lighthouse $LIGHTHOUSE_VERSION with its default
configuration (form factor mobile, simulated throttling: 150 ms round
trips, 1.6 Mbit/s, CPU slowdown 4 ×) in one headless $CHROMIUM_VERSION
(Debian's), against \`chancery serve\` on a fresh SQLite database with the
default dataset, registration of the event opened through the staff form.
Each round audits the pages one after the other; $LIGHTHOUSE_ROUNDS rounds. Load
average (1, 5, 15 min): $LIGHTHOUSE_LOAD_START before, $LIGHTHOUSE_LOAD_END after.

| page | path | performance, median | performance, lowest – highest | TBT ms, median | TBT ms, highest | accessibility, lowest | best practices, lowest | SEO, lowest |
|---|---|--:|--:|--:|--:|--:|--:|--:|
${LIGHTHOUSE_TABLE}

Why performance is judged here and not in the test suite: the pages load
no script, and their first paint comes at about 750 ms of simulated
time (the HTML and one stylesheet over the simulated network) whatever
the machine does; but Total Blocking Time, 30 % of the score, is this
run's main-thread tasks (style, layout, paint) multiplied by four, so it
follows how busy the processors are. On a two-core machine shared with
other work, single audits of one page scored from 73 to 100 within
minutes (performance-history.md, 2026-12-07). A test that asserted 95
would pass only on a quiet machine; the median of several rounds,
judged here beside the load average, is the figure to follow.

Every audit of this run:

| round | page | performance | TBT ms | FCP ms | LCP ms | CLS | accessibility | best practices | SEO |
|---|---|--:|--:|--:|--:|--:|--:|--:|--:|
${LIGHTHOUSE_AUDITS}

Reproduce: \`cd e2e && npm ci && LIGHTHOUSE_ROUNDS=$LIGHTHOUSE_ROUNDS node bench/lighthouse.mjs\`
(the reports of each page's last audit are kept in \`e2e/artifacts/lighthouse/\`).
EOF
}
