package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// polishMessage is a message of the polish area's locale file in lang.
func polishMessage(t *testing.T, lang, key string) string {
	t.Helper()
	return localeMessage(t, "polish", lang, key)
}

// TestAuditLogInWords: the audit log and its action filter name actions in
// the reader's language, not as codes, and a booking's status in words.
func TestAuditLogInWords(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	b := bookOnFirstDecember(t, c)
	c.login("officer")
	if res := c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {"checked_in"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("mark: %d %s", res.Status, res.Body)
	}
	admin := e.client()
	admin.login("admin")
	page := admin.get("/staff/audit?what=booking.attendance")
	if page.Status != http.StatusOK {
		t.Fatalf("the audit log: %d", page.Status)
	}
	marked := html.EscapeString(polishMessage(t, "en", "audit.action.booking.attendance"))
	for _, want := range []string{
		`<option value="booking.attendance" selected>` + marked + `</option>`, // the filter
		`<span class="action" data-action="booking.attendance">` + marked + `</span>`,
		"<del>" + html.EscapeString(polishMessage(t, "en", "audit.status.confirmed")) + "</del>",
		"<ins>" + html.EscapeString(polishMessage(t, "en", "audit.status.checked_in")) + "</ins>",
		`<option value="booking">` + html.EscapeString(polishMessage(t, "en", "audit.entity.booking")) + `</option>`, // the kind of object, in words
		html.EscapeString(polishMessage(t, "en", "audit.entity.booking")) + ": " + b.Reference,
	} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the audit log lacks %s", want)
		}
	}
	for _, code := range []string{">booking.attendance<", ">checked_in<", ">confirmed<", ">booking<"} {
		if strings.Contains(page.Body, code) {
			t.Errorf("the audit log shows the code %s", code)
		}
	}
	zh := admin.do("GET", "/staff/audit?what=booking.attendance&lang=zh", nil, nil)
	if !strings.Contains(zh.Body, polishMessage(t, "zh", "audit.action.booking.attendance")) {
		t.Errorf("the audit log in Chinese does not name the action in Chinese")
	}
}

// TestSectorsPage: the trade sectors page links each organisation to its
// record, and its intro does not name the product.
func TestSectorsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		page := c.get("/relations/sectors?lang=" + lang)
		if page.Status != http.StatusOK {
			t.Fatalf("%s: %d", lang, page.Status)
		}
		intro := html.EscapeString(localeMessage(t, "match", lang, "match.public_intro"))
		if !strings.Contains(page.Body, intro) || strings.Contains(strings.ToLower(intro), "chancery") {
			t.Errorf("%s: the intro names the product or is missing: %s", lang, intro)
		}
		cells := regexp.MustCompile(`(?s)<td data-label="[^"]+">(.*?)</td>`).FindAllStringSubmatch(page.Body, -1)
		links := 0
		for _, cell := range cells {
			for _, href := range regexp.MustCompile(`href="(/relations/entity/[^"]+)"`).FindAllStringSubmatch(cell[1], -1) {
				links++
				if lang == "en" {
					if rec := c.get(href[1]); rec.Status != http.StatusOK {
						t.Errorf("%s leads nowhere: %d", href[1], rec.Status)
					}
				}
			}
		}
		if links == 0 {
			t.Errorf("%s: no organisation of the sectors tables links to its record", lang)
		}
	}
}

// TestEventsListLinksNoRecord: the list of events does not offer "this
// event in the record"; an event's page does.
func TestEventsListLinksNoRecord(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 1, true)
	c := e.client()
	link := html.EscapeString(eventMessage(t, "en", "event.record_link"))
	if list := c.get("/events"); list.Status != http.StatusOK || strings.Contains(list.Body, link) {
		t.Errorf("the events list (%d) links to the record of one event", list.Status)
	}
	if one := c.get(eventPath); !strings.Contains(one.Body, link) {
		t.Errorf("the event's page no longer links to its record")
	}
}

// TestWaitingListPlace: the first in line is told they are next, the
// second how many wait before them; cancelling is a destructive action
// set apart from the others.
func TestWaitingListPlace(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 1, true)
	c := e.client()
	person := func(email string) registrationAnswer {
		res := c.postJSON(registrationsPath, `{"name":"Li Wei","email":"`+email+`","lang":"en"}`, nil)
		if res.Status != http.StatusCreated {
			t.Fatalf("register %s: %d %s", email, res.Status, res.Body)
		}
		return decodeRegistration(t, res)
	}
	holder, first, second := person("holder@example.com"), person("first@example.com"), person("second@example.com")
	if holder.Status != "registered" || first.Status != "waitlisted" || second.Status != "waitlisted" {
		t.Fatalf("statuses: %s %s %s", holder.Status, first.Status, second.Status)
	}
	next := html.EscapeString(polishMessage(t, "en", "polish.waitlist_next"))
	if page := c.get(first.ManageURL); !strings.Contains(page.Body, next) || strings.Contains(page.Body, "in line: 0") {
		t.Errorf("the first in line is not told they are next:\n%.2000s", page.Body)
	}
	if page := c.get(second.ManageURL); strings.Contains(page.Body, next) || !strings.Contains(page.Body, "People before you in line: 1.") {
		t.Errorf("the second in line is not told one person waits before them")
	}
	page := c.get(holder.ManageURL)
	cancel := regexp.MustCompile(`(?s)<div class="manage-actions">.*?<form method="get" action="/registrations/[^"]+/cancel" class="cancel">.*?<button type="submit" class="danger">` +
		regexp.QuoteMeta(html.EscapeString(eventMessage(t, "en", "registration.cancel_button"))) + `</button>`)
	if !cancel.MatchString(page.Body) {
		t.Errorf("cancelling a registration is not a destructive action set apart:\n%.3000s", page.Body)
	}
}

// TestVisaStartButtonBeforeFeeTable: on the visa service's start page the
// fee most applicants pay, with its source, comes before the "Start now"
// button, and the full fee table after it, folded.
func TestVisaStartButtonBeforeFeeTable(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	page := e.client().get("/missions/by-cg-chongqing/services/cq-visa")
	if page.Status != http.StatusOK {
		t.Fatalf("the start page: %d", page.Status)
	}
	start := strings.Index(page.Body, `class="button start"`)
	table := strings.Index(page.Body, "<table")
	details := strings.Index(page.Body, `<details class="all-fees" id="all-fees">`)
	if start < 0 || table < 0 || details < 0 || !(start < details && details < table) {
		t.Fatalf("the button (%d) does not come before the folded fee table (%d, %d)", start, details, table)
	}
	before := page.Body[:start]
	for _, want := range []string{`<strong class="amount">30 USD</strong>`, "for a citizen of China", `href="/sources#src-by-embassy-cn-fee-tariff"`} {
		if !strings.Contains(before, want) {
			t.Errorf("before the button the page lacks %s", want)
		}
	}
	if n := strings.Count(page.Body, `id="fee"`); n != 1 {
		t.Errorf("%d elements with id fee", n)
	}
}

// TestStaffNavigationFolds: the desk's navigation has the same folded
// "Desk menu" as the public one, for a narrow screen, without script.
func TestStaffNavigationFolds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	page := c.get("/staff/audit")
	nav := regexp.MustCompile(`(?s)<nav aria-label="Staff desk" class="staff-nav">.*?</nav>`).FindString(page.Body)
	menu := regexp.MustCompile(`(?s)<details class="menu"><summary>` + regexp.QuoteMeta(polishMessage(t, "en", "polish.desk_menu")) + `</summary><ul>(.*?)</ul></details>`).FindStringSubmatch(nav)
	row := regexp.MustCompile(`(?s)<ul class="row">(.*?)</ul>`).FindStringSubmatch(nav)
	if menu == nil || row == nil || menu[1] != row[1] || !strings.Contains(row[1], `href="/staff/audit" aria-current="page"`) {
		t.Errorf("the desk's navigation does not fold into a menu with the same links:\n%s", nav)
	}
}
