// Package bench holds chancery's HTTP benchmarks. They build the real web
// server over a real database seeded with the default dataset and serve it
// through net/http/httptest on loopback, next to a trivial handler that
// writes "ok" as the baseline:
//
//	go test ./bench -run x -bench . -benchtime 2s
//
// The database is SQLite, or PostgreSQL when CHANCERY_TEST_POSTGRES holds a
// server URL (see store/storetest). scripts/bench.sh runs them on both
// engines, beside wrk and cmd/chancery-rush, and writes
// docs/performance.md. The benchmarks assert nothing about timing.
package bench
