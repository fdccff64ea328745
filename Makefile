# chancery: the two commands a new user needs are `make run` and `make test`.
.PHONY: run test test-go test-browser fuzz bench build

# Run the product on its embedded SQLite database under ./data (seeded with
# the default dataset on first start) at http://127.0.0.1:8080.
run:
	go run ./cmd/chancery

# Every suite: go vet, tests on SQLite and on PostgreSQL, fuzzing, browser tests.
test:
	bash scripts/test.sh

# Only the Go tests on SQLite, for a quick check while editing.
test-go:
	CHANCERY_TEST_POSTGRES= go test -timeout 10m ./...

# Only the browser tests.
test-browser:
	bash scripts/install-browser.sh
	cd e2e && npm ci --no-audit --no-fund && npm test

# Longer fuzzing of every parser (FUZZTIME each, default 1m; FUZZTIMEOUT
# bounds each target's run, default 30m).
fuzz:
	for t in $$(grep -v '^#' scripts/fuzz-targets); do go test -timeout $${FUZZTIMEOUT:-30m} -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $${FUZZTIME:-1m} $${t%%:*} || exit 1; done

# Measure throughput and latency and rewrite docs/performance.md.
bench:
	bash scripts/bench.sh

build:
	go build -o bin/chancery ./cmd/chancery
