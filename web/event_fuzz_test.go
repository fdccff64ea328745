package web_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// FuzzRegistrationRequest posts arbitrary bodies and headers to an open
// event's registration endpoint: never a 5xx, and every error has the
// documented shape.
func FuzzRegistrationRequest(f *testing.F) {
	srv, db := fuzzServerDB(f)
	start := time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)
	if _, err := db.SaveEventRegistration(context.Background(), store.Actor{Name: "fuzz"}, events.Event{ID: forumID,
		MissionID: "by-cg-chongqing", Start: start, End: start.Add(3 * time.Hour), Venue: mission.Text{"en": "Expo Centre"},
		Capacity: 3, Waitlist: true, Opens: start.Add(-30 * 24 * time.Hour), Closes: start.Add(-time.Hour), Open: true}, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(`{"name":"Li Wei","email":"li@example.com","lang":"zh"}`, "application/json", "key-1")
	f.Add(`{"name":"Li Wei","email":"LI@example.com "}`, "application/json; charset=utf-8", "")
	f.Add(`{"name":"","email":"@"}`, "application/json", "\x7f")
	f.Add(`[1,2,3]`, "application/json", "")
	f.Add(`{"name":"\u0000","email":"a@b.c","lang":"xx"}`, "text/plain", "")
	f.Add(`{"name":"Li\u0000Wei","email":"li@example.com","lang":"zh"}`, "application/json", "")
	f.Add("{\"name\":\"Li\xffWei\",\"email\":\"li@example.com\"}", "application/json", "")
	f.Fuzz(func(t *testing.T, body, contentType, key string) {
		req := httptest.NewRequest("POST", "http://chancery.test/api/v1/events/"+forumID+"/registrations", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if key != "" {
			req.Header["Idempotency-Key"] = []string{key}
		}
		checkAPIAnswer(t, srv, req, body)
	})
}
