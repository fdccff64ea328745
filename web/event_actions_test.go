package web_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/store"
)

// eventFixtures opens registration for the forum with one registration to
// check in. It may be called again on the same database and then adds
// nothing.
func eventFixtures(t *testing.T, e *testEnv) (reference string) {
	t.Helper()
	ctx := context.Background()
	regs, err := e.DB.Registrations(ctx, forumID)
	if err == nil && len(regs) > 0 {
		return regs[0].Reference
	}
	openForum(t, e, 10, true)
	_, hash := booking.NewToken()
	r, _, err := e.DB.Register(ctx, store.RegisterInput{EventID: forumID, Reference: booking.NewReference(), TokenHash: hash,
		Registrant: events.Registrant{Name: "Wang Fang", Email: "wang.fang@example.com", Lang: "zh"}})
	if err != nil {
		t.Fatal(err)
	}
	return r.Reference
}

// eventSettingsForm is the settings form of the forum, as staff post it.
func eventSettingsForm(capacity string) url.Values {
	return url.Values{"mission": {"by-cg-chongqing"}, "start": {"2030-05-20T14:00"}, "end": {"2030-05-20T17:00"},
		"venue_en": {"Chongqing Expo Centre"}, "venue_zh": {"重庆国际博览中心"}, "capacity": {capacity}, "waitlist": {"yes"},
		"opens": {"2020-01-01T09:00"}, "closes": {"2030-05-19T18:00"}, "open": {"yes"}}
}

// eventActions are the staff routes of event registration: public pages, the API and the staff check-in list, for the role matrix.
func eventActions(t *testing.T, e *testEnv) []staffAction {
	ref := eventFixtures(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	consuls := map[string]bool{"admin": true, "consul": true}
	return []staffAction{
		{"events", "GET", "/staff/events", nil, 200, all},
		{"event settings", "GET", "/staff/events/" + forumID, nil, 200, all},
		{"event without registration", "GET", "/staff/events/consulate-opening-2021", nil, 200, all},
		{"change registration", "POST", "/staff/events/" + forumID, eventSettingsForm("12"), 303, consuls},
		{"open registration", "POST", "/staff/events/consulate-opening-2021", eventSettingsForm("30"), 303, consuls},
		{"registrations", "GET", "/staff/events/" + forumID + "/registrations", nil, 200, all},
		{"check in at an event", "POST", "/staff/registrations/" + ref + "/check-in", nil, 303, all},
	}
}
