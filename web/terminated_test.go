package web_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// TestAbuse21BookingsSurviveTerminatedConnections: before each booking
// request every connection of the server to PostgreSQL is terminated
// (57P01, admin_shutdown, as when an administrator ends sessions or a
// server restarts); each booking still succeeds, once.
func TestAbuse21BookingsSurviveTerminatedConnections(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	if e.DB.Dialect != store.Postgres {
		t.Skip("PostgreSQL only: SQLite has no server connections to lose")
	}
	admin, err := sql.Open("pgx", e.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	c := e.client()
	const n = 6
	refs := map[string]bool{}
	for i := range n {
		if _, err := admin.Exec(`WITH others AS MATERIALIZED (SELECT pid FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid())
			SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM others`); err != nil {
			t.Fatal(err)
		}
		start := fmt.Sprintf("2026-12-01T%02d:%02d:00+08:00", 9+i/3, i%3*20)
		res := c.postJSON("/api/v1/bookings", bookingJSON(start, fmt.Sprintf("person%d@example.com", i)),
			map[string]string{"Idempotency-Key": fmt.Sprintf("abuse21-%d", i)})
		if res.Status != http.StatusCreated {
			t.Fatalf("booking %d with the connections terminated: status %d: %s", i, res.Status, res.Body)
		}
		refs[decodeBooking(t, res).Reference] = true
	}
	var booked int
	if err := admin.QueryRow(`SELECT COUNT(*) FROM bookings`).Scan(&booked); err != nil || booked != n || len(refs) != n {
		t.Fatalf("%d bookings stored (%v), %d references answered; want %d", booked, err, len(refs), n)
	}
}
