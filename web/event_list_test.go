package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chancery-platform/chancery/store"
)

// TestEventsAreFoundAndDescribed: an event staff open for registration,
// with what it is about, its agenda and how to get there, is listed on
// /events (reached from every page's navigation) and its page shows those
// texts in the reader's language, the agenda as a list; an overlong text
// is refused at its field.
func TestEventsAreFoundAndDescribed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pub := e.client()
	if home := pub.get("/"); !strings.Contains(home.Body, `<a href="/events">Events</a>`) {
		t.Error("the navigation does not lead to the events")
	}
	if list := pub.get("/events"); list.Status != 200 || strings.Contains(list.Body, `href="/events/`+forumID+`"`) ||
		!strings.Contains(list.Body, "No event is taking registrations") {
		t.Fatalf("before registration opens, /events: %d", list.Status)
	}

	c := e.client()
	c.login("consul")
	form := eventSettingsForm("40")
	form.Set("description_en", "A forum of companies from Belarus and Chongqing.\nBring business cards.")
	form.Set("description_zh", "白俄罗斯与重庆企业论坛。")
	form.Set("agenda_en", "14:00 Opening\n\n14:30 Panels\n16:30 Networking")
	form.Set("arrival_en", "Metro Line 6 to Expo Centre, exit B.")
	if res := c.post("/staff/events/"+forumID, form); res.Status != http.StatusSeeOther {
		t.Fatalf("saving the event: %d", res.Status)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: "event_registration", EntityID: forumID})
	if len(entries) == 0 || !strings.Contains(entries[0].After, "Metro Line 6") {
		t.Error("the audit log does not hold the new texts")
	}
	if staff := c.get("/staff/events/" + forumID); !strings.Contains(staff.Body, "Metro Line 6 to Expo Centre, exit B.</textarea>") {
		t.Error("the staff form does not show the saved arrival text")
	}

	list := pub.get("/events")
	if list.Status != 200 || !strings.Contains(list.Body, `href="/events/`+forumID+`"`) || !strings.Contains(list.Body, "Places left: 40 of 40") {
		t.Fatalf("/events does not list the open event: %d", list.Status)
	}
	page := pub.get("/events/" + forumID)
	for _, want := range []string{`<h2 id="about">About the event</h2>`, "Bring business cards.", `<ol class="agenda"><li>14:00 Opening</li><li>14:30 Panels</li><li>16:30 Networking</li></ol>`,
		`<h2 id="arrival">Getting there</h2>`, "exit B."} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the event page lacks %q", want)
		}
	}
	zh := pub.get("/events/" + forumID + "?lang=zh")
	if !strings.Contains(zh.Body, "白俄罗斯与重庆企业论坛。") || !strings.Contains(zh.Body, "议程") {
		t.Error("the Chinese event page does not show the Chinese description")
	}

	long := eventSettingsForm("40")
	long.Set("arrival_ru", strings.Repeat("я", 2001))
	res := c.post("/staff/events/"+forumID, long)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "2000 characters") {
		t.Fatalf("an overlong text: %d", res.Status)
	}
	if ev, _ := e.DB.EventRegistration(context.Background(), forumID); utf8.RuneCountInString(ev.Arrival["ru"]) > 2000 {
		t.Error("the overlong text was saved")
	}
	if res := pub.do("POST", "/events", nil, nil); res.Status != http.StatusMethodNotAllowed {
		t.Errorf("POST /events: %d", res.Status)
	}
}
