package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestAbuse08IdempotencyKeepsNoSecret books through the API and through
// the pages with idempotency keys: the table of stored answers holds none
// of the token, name, email, phone or passport number, a retry still gets
// the first answer with its token, and a day later the answer is pruned,
// with the rate-limit counts no limit reads any more.
func TestAbuse08IdempotencyKeepsNoSecret(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	key := map[string]string{"Idempotency-Key": "0b6f7d0e-abuse-08"}
	body := bookingJSON("2026-12-01T09:20:00+08:00", "secret.person@example.com")
	first := c.postJSON("/api/v1/bookings", body, key)
	if first.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", first.Status, first.Body)
	}
	api := decodeBooking(t, first)

	_, form := checkPage(t, c)
	page := c.post(confirmPath, form)
	manage, err := url.Parse(page.Header.Get("Location"))
	if page.Status != http.StatusSeeOther || err != nil || manage.Query().Get("token") == "" {
		t.Fatalf("booking on the pages: %d %q", page.Status, page.Header.Get("Location"))
	}

	stored := storetest.Dump(t, e.DB, e.DSN, "idempotency_keys")
	if strings.Count(stored, "\n") != 2 {
		t.Fatalf("want the two answers kept, have:\n%s", stored)
	}
	secrets := []string{api.Token, manage.Query().Get("token"), "0b6f7d0e-abuse-08", form.Get("key"),
		"Li Wei", "secret.person@example.com", "li.wei@example.com", "138 0000 0000", "EA1234567", passportOf(body)}
	for _, s := range secrets {
		if strings.Contains(strings.ToLower(stored), strings.ToLower(s)) {
			t.Errorf("idempotency_keys keeps %q in clear:\n%s", s, stored)
		}
	}

	again := c.postJSON("/api/v1/bookings", body, key)
	if again.Status != http.StatusCreated || again.Body != first.Body || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("the retry lost its first answer: %d %s", again.Status, again.Body)
	}
	if pageAgain := c.post(confirmPath, form); pageAgain.Header.Get("Location") != page.Header.Get("Location") {
		t.Fatalf("the form sent again went to %q, first to %q", pageAgain.Header.Get("Location"), page.Header.Get("Location"))
	}

	// A limit counted now, read again within two windows of the longest
	// limit, must outlive the prune.
	ctx := context.Background()
	later := bookingNow.Add(25 * time.Hour)
	e.DB.Now = func() time.Time { return later }
	if _, _, err := e.DB.Hit(ctx, "abuse-08-recent", 5, time.Hour); err != nil {
		t.Fatal(err)
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(49 * time.Hour) }
	if _, err := e.DB.PruneExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if left := storetest.Dump(t, e.DB, e.DSN, "idempotency_keys"); left != "" {
		t.Errorf("answers older than 24 hours outlive the prune:\n%s", left)
	}
	limits := storetest.Dump(t, e.DB, e.DSN, "rate_limits")
	if strings.Contains(limits, "book-") || !strings.Contains(limits, "abuse-08-recent") {
		t.Errorf("the prune should delete the booking counts of two days ago and keep the recent one:\n%s", limits)
	}

	// After 24 hours the key is free: the same request is a new one (the
	// person holds a booking already, so it is refused as such).
	e.DB.Now = func() time.Time { return bookingNow.Add(25 * time.Hour) }
	if late := c.postJSON("/api/v1/bookings", body, key); late.Status != http.StatusConflict || late.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("a retry after 24 hours: %d %s", late.Status, late.Body)
	}
}

// passportOf is the passport number bookingJSON derives.
func passportOf(body string) string {
	_, after, _ := strings.Cut(body, `"passport":"`)
	p, _, _ := strings.Cut(after, `"`)
	return p
}

// TestAbuse18ReplaysAreNotRateLimited retries one booking fifty times at
// once with its Idempotency-Key: every retry gets the first answer, none
// is refused by a rate limit, and no retry is counted against the client
// or the applicant.
func TestAbuse18ReplaysAreNotRateLimited(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	key := map[string]string{"Idempotency-Key": "5e0c2a4b-abuse-18"}
	body := bookingJSON("2026-12-01T09:40:00+08:00", "retrying@example.com")
	first := c.postJSON("/api/v1/bookings", body, key)
	if first.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", first.Status, first.Body)
	}
	counts := storetest.Dump(t, e.DB, e.DSN, "rate_limits")
	ref := decodeBooking(t, first).Reference
	results := make([]response, 50)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = e.client().postJSON("/api/v1/bookings", body, key) })
	}
	wg.Wait()
	for i, res := range results {
		if res.Status != http.StatusCreated || decodeBooking(t, res).Reference != ref || res.Body != first.Body {
			t.Fatalf("retry %d: %d %s", i, res.Status, res.Body)
		}
	}
	if after := storetest.Dump(t, e.DB, e.DSN, "rate_limits"); after != counts {
		t.Errorf("the retries were counted against the rate limits:\nbefore\n%s\nafter\n%s", counts, after)
	}

	// The booking form sent again and again (a reload after a lost
	// answer) goes to the same booking, uncounted too.
	_, form := checkPage(t, c)
	page := c.post(confirmPath, form)
	if page.Status != http.StatusSeeOther {
		t.Fatalf("booking on the pages: %d\n%.600s", page.Status, page.Body)
	}
	counts = storetest.Dump(t, e.DB, e.DSN, "rate_limits")
	for i := range 10 {
		if again := c.post(confirmPath, form); again.Status != http.StatusSeeOther || again.Header.Get("Location") != page.Header.Get("Location") {
			t.Fatalf("form sent again, %d: %d %q\n%.400s", i, again.Status, again.Header.Get("Location"), again.Body)
		}
	}
	if after := storetest.Dump(t, e.DB, e.DSN, "rate_limits"); after != counts {
		t.Errorf("the forms sent again were counted against the rate limits:\nbefore\n%s\nafter\n%s", counts, after)
	}
}
