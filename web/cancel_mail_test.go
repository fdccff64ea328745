package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// TestCancelSendsMailFromPageAndAPI: cancelling through the manage page
// and through the API is one workflow, so both queue the cancellation
// (METHOD:CANCEL) for the applicant, once.
func TestCancelSendsMailFromPageAndAPI(t *testing.T) {
	e := newBookingEnv(t)
	c := e.client()
	book := func(start, email string) bookingAnswer {
		t.Helper()
		res := c.postJSON("/api/v1/bookings", bookingJSON(start, email), nil)
		if res.Status != http.StatusCreated {
			t.Fatalf("booking: %d %s", res.Status, res.Body)
		}
		return decodeBooking(t, res)
	}
	cancellations := func(email string) []store.Message {
		t.Helper()
		msgs, err := e.DB.Outbox(context.Background(), store.OutboxQuery{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var out []store.Message
		for _, m := range msgs {
			if m.To == email && m.Kind == "cancellation" {
				out = append(out, m)
			}
		}
		return out
	}
	var csrf string // the cancel form's token, kept for the second cancel
	for _, tc := range []struct {
		name, email string
		cancel      func(b bookingAnswer) int
	}{
		{"api", "api.cancel@example.com", func(b bookingAnswer) int {
			return c.do("POST", "/api/v1/bookings/"+b.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + b.Token}).Status
		}},
		{"page", "page.cancel@example.com", func(b bookingAnswer) int {
			path := "/bookings/" + b.Reference + "/cancel?token=" + url.QueryEscape(b.Token)
			if csrf == "" {
				csrf = pageCSRF(t, c.get(path))
			}
			form := url.Values{"csrf": {csrf}}
			return c.do("POST", path, strings.NewReader(form.Encode()), map[string]string{
				"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}).Status
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := book("2026-12-01T09:00:00+08:00", tc.email)
			if got := cancellations(tc.email); len(got) != 0 {
				t.Fatalf("a cancellation queued before cancelling: %d", len(got))
			}
			if status := tc.cancel(b); status != http.StatusOK && status != http.StatusSeeOther {
				t.Fatalf("cancel: %d", status)
			}
			got := cancellations(tc.email)
			if len(got) != 1 || got[0].ICSMethod != "CANCEL" || got[0].Sequence != 1 || !strings.Contains(got[0].ICS, b.Reference+"@chancery") {
				t.Fatalf("the cancellation mail: %+v", got)
			}
			// A second cancel is harmless and sends nothing more.
			tc.cancel(b)
			if got := cancellations(tc.email); len(got) != 1 {
				t.Fatalf("%d cancellations after cancelling twice", len(got))
			}
		})
	}
}
