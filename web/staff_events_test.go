package web_test

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

func TestStaffOpensRegistrationAndChecksIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	if page := c.get("/staff"); !strings.Contains(page.Body, `href="/staff/events"`) {
		t.Error("the desk does not link the events")
	}
	list := c.get("/staff/events")
	if !strings.Contains(list.Body, `href="/staff/events/`+forumID+`"`) {
		t.Fatalf("the record's events are not listed:\n%.1000s", list.Body)
	}
	res := c.post("/staff/events/"+forumID, eventSettingsForm("2"))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("open registration: %d\n%.1000s", res.Status, res.Body)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: "event_registration", EntityID: forumID})
	if len(entries) != 1 || entries[0].Actor != "consul" || !strings.Contains(entries[0].After, "Chongqing Expo Centre") {
		t.Errorf("audit %+v", entries)
	}
	ev, err := e.DB.EventRegistration(context.Background(), forumID)
	if err != nil || ev.Capacity != 2 || ev.Start.Format("2006-01-02T15:04Z07:00") != "2030-05-20T06:00Z" {
		t.Fatalf("saved %+v %v: the form's times are local times in Chongqing", ev, err)
	}
	pub := e.client()
	form := registerForm(t, pub, "guest@example.com")
	if res := pub.post(eventPath+"/register", form); res.Status != http.StatusSeeOther {
		t.Fatalf("register: %d", res.Status)
	}

	cases := []struct {
		name, field, value string
		key                string
	}{
		{"ends before it starts", "end", "2030-05-20T13:00", "error.event_end_before_start"},
		{"no places", "capacity", "0", "error.event_capacity_invalid"},
		{"not a number", "capacity", "many", "error.event_capacity_invalid"},
		{"no venue", "venue_en", "", "error.event_venue_required"},
		{"closes after the start", "closes", "2030-05-21T09:00", "error.event_closes_after_start"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := eventSettingsForm("2")
			f.Set(tc.field, tc.value)
			res := c.post("/staff/events/"+forumID, f)
			msg := eventMessage(t, "en", tc.key)
			msg, _, _ = strings.Cut(msg, "{{")
			if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, html.EscapeString(msg)) {
				t.Errorf("status %d, want 400 with %q", res.Status, msg)
			}
		})
	}
	if res := c.post("/staff/events/no-such-event", eventSettingsForm("2")); res.Status != http.StatusNotFound {
		t.Errorf("an event not in the record: %d", res.Status)
	}

	officer := e.client()
	officer.login("officer")
	sheet := officer.get("/staff/events/" + forumID + "/registrations")
	regs, _ := e.DB.Registrations(context.Background(), forumID)
	if len(regs) != 1 || !strings.Contains(sheet.Body, regs[0].Reference) || !strings.Contains(sheet.Body, "print.") ||
		!strings.Contains(sheet.Body, `action="/staff/registrations/`+regs[0].Reference+`/check-in"`) {
		t.Fatalf("the check-in list:\n%.2000s", sheet.Body)
	}
	if res := officer.post("/staff/registrations/"+regs[0].Reference+"/check-in", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("check-in: %d", res.Status)
	}
	if again := officer.post("/staff/registrations/"+regs[0].Reference+"/check-in", nil); again.Status != http.StatusConflict {
		t.Errorf("checked in twice: %d", again.Status)
	}
	if res := officer.post("/staff/events/"+forumID, eventSettingsForm("5")); res.Status != http.StatusForbidden {
		t.Errorf("an officer changed the settings: %d", res.Status)
	}
	if page := officer.get("/staff/events/" + forumID); !strings.Contains(page.Body, "disabled") {
		t.Error("an officer is offered the settings form")
	}
}

// TestMovingAnEventTellsItsPeople: a new time or venue mails everyone
// registered (a calendar update, a higher sequence) and everyone waiting
// (no calendar entry); saving the same settings again mails nobody.
func TestMovingAnEventTellsItsPeople(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	if res := c.post("/staff/events/"+forumID, eventSettingsForm("1")); res.Status != http.StatusSeeOther {
		t.Fatalf("open registration: %d", res.Status)
	}
	pub := e.client()
	for _, who := range []string{"first@example.com", "second@example.com"} {
		if res := pub.post(eventPath+"/register", registerForm(t, pub, who)); res.Status != http.StatusSeeOther {
			t.Fatalf("register %s: %d", who, res.Status)
		}
	}
	moved := func() map[string]store.Message {
		msgs, err := e.DB.Outbox(context.Background(), store.OutboxQuery{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]store.Message{}
		for _, m := range msgs {
			if m.Kind == "event_moved" {
				out[m.To] = m
			}
		}
		return out
	}
	later := eventSettingsForm("1")
	later.Set("start", "2030-05-21T14:00")
	later.Set("end", "2030-05-21T17:00")
	if res := c.post("/staff/events/"+forumID, later); res.Status != http.StatusSeeOther {
		t.Fatalf("move: %d %s", res.Status, res.Body)
	}
	got := moved()
	first, second := got["first@example.com"], got["second@example.com"]
	if len(got) != 2 || !strings.Contains(first.Body, "аўторак, 21 мая 2030 г., 14:00–17:00 (пекінскі час, UTC+8)") || first.ICSMethod != "REQUEST" ||
		!strings.Contains(first.ICS, "SEQUENCE:1") || second.ICS != "" {
		t.Fatalf("the messages of the move: %+v", got)
	}
	if res := c.post("/staff/events/"+forumID, later); res.Status != http.StatusSeeOther || len(moved()) != 2 {
		t.Fatalf("the same settings again: %d, %d messages", res.Status, len(moved()))
	}
}

// TestOutboxMasksRegistrationTokens: the confirmation's manage link
// belongs to the registrant; staff reading the outbox see it masked.
func TestOutboxMasksRegistrationTokens(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 5, true)
	c := e.client()
	a := decodeRegistration(t, c.postJSON(registrationsPath, `{"name":"Li Wei","email":"li.wei@example.com"}`, nil))
	if a.Token == "" {
		t.Fatal("no registration")
	}
	msgs, _ := e.DB.Outbox(context.Background(), store.OutboxQuery{Limit: 1})
	if len(msgs) != 1 || !strings.Contains(msgs[0].Body, a.Token) {
		t.Fatalf("the confirmation does not carry the manage link: %+v", msgs)
	}
	c.login("consul")
	page := c.get("/staff/outbox/" + itoa(msgs[0].ID))
	if page.Status != http.StatusOK || strings.Contains(page.Body, a.Token) || !strings.Contains(page.Body, a.Reference) {
		t.Errorf("the outbox shows the registrant's token, or not the message: %d", page.Status)
	}
}
