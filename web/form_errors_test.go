package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// summaryLinks are the fields the error summary of a page links to, in order.
func summaryLinks(t *testing.T, body string) []string {
	t.Helper()
	i := strings.Index(body, `class="alert error-summary"`)
	if i < 0 {
		t.Fatalf("no error summary:\n%.1500s", body)
	}
	box := body[i : i+strings.Index(body[i:], "</div>")]
	if !strings.Contains(box, "There is a problem") || !strings.Contains(box, "autofocus") || !strings.Contains(box, `tabindex="-1"`) {
		t.Errorf("the summary is not headed or not focused when the page opens:\n%s", box)
	}
	var out []string
	for _, m := range regexp.MustCompile(`<a href="#([\w-]+)">`).FindAllStringSubmatch(box, -1) {
		out = append(out, m[1])
	}
	return out
}

// fieldShowsError checks that field is marked in error with its message
// above the input (GOV.UK's order: label, hint, error, input), and that the
// input names the message among its descriptions.
func fieldShowsError(t *testing.T, body, field string) {
	t.Helper()
	msg := strings.Index(body, `<p id="`+field+`-error" class="error">`)
	control := regexp.MustCompile(`<(?:input|select|textarea) id="` + regexp.QuoteMeta(field) + `"[^>]*>`)
	loc := control.FindStringIndex(body)
	if msg < 0 || loc == nil || msg > loc[0] {
		t.Errorf("%s: its message is missing or not above the input (%d, %v)", field, msg, loc)
		return
	}
	tag := body[loc[0]:loc[1]]
	if !strings.Contains(tag, `aria-invalid="true"`) || !regexp.MustCompile(`aria-describedby="[^"]*\b`+regexp.QuoteMeta(field)+`-error"`).MatchString(tag) {
		t.Errorf("%s is not marked invalid or does not name its message: %s", field, tag)
	}
}

// TestFormsReportEveryError: the booking details form and the event
// registration form check every field at once and follow the error
// summary pattern; the JSON API still answers with the first problem.
func TestFormsReportEveryError(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 10, true)
	c := e.client()

	form := answers(pageCSRF(t, c.get(detailsPath)))
	form.Set("name", "")
	form.Set("email", "li.wei@")
	form.Set("phone", "call me")
	form.Set("passport", "?")
	res := c.post(detailsPath, form)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "<title>Error: ") {
		t.Fatalf("four bad answers: %d", res.Status)
	}
	if got := summaryLinks(t, res.Body); strings.Join(got, " ") != "name email phone passport" {
		t.Errorf("the summary links %q, want every field in the form's order", got)
	}
	for _, f := range []string{"name", "email", "phone", "passport"} {
		fieldShowsError(t, res.Body, f)
	}
	if !strings.Contains(res.Body, `value="li.wei@"`) {
		t.Error("the answers given are not kept")
	}
	// One bad answer: one error, the others not marked.
	form = answers(pageCSRF(t, c.get(detailsPath)))
	form.Set("phone", "12")
	res = c.post(detailsPath, form)
	if got := summaryLinks(t, res.Body); strings.Join(got, " ") != "phone" || strings.Count(res.Body, `aria-invalid="true"`) != 1 {
		t.Errorf("one bad answer: summary %q, %d fields marked", got, strings.Count(res.Body, `aria-invalid="true"`))
	}

	reg := registerForm(t, c, "nobody")
	reg.Set("name", "")
	res = c.post(eventPath+"/register", reg)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "<title>Error: ") {
		t.Fatalf("a registration without name or address: %d", res.Status)
	}
	if got := summaryLinks(t, res.Body); strings.Join(got, " ") != "name email" {
		t.Errorf("the registration summary links %q", got)
	}
	fieldShowsError(t, res.Body, "name")
	fieldShowsError(t, res.Body, "email")

	api := c.postJSON("/api/v1/bookings", `{"service":"cq-visa","start":"2026-12-01T09:00:00+08:00","name":"","email":"x@","phone":"1"}`, nil)
	if api.Status != http.StatusBadRequest || !strings.Contains(api.Body, "name") {
		t.Errorf("the API: %d %s", api.Status, api.Body)
	}
}
