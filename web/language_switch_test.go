package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestLanguageSwitchKeepsTyped: on a page with a journey's form, the
// language buttons send the form (no script needed); the answer is a
// redirect to the same page in the chosen language with what was typed
// filled in, nothing is booked, registered or sent, and no field is
// reported in error. Sending the form for real forgets what the switch
// kept.
func TestLanguageSwitchKeepsTyped(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 10, true)
	c := e.client()

	pages := []struct {
		name, page, action, formID string
		form                       func() url.Values
		kept                       []string
	}{
		{"booking details", detailsPath, detailsPath, "details-form", func() url.Values {
			f := answers(pageCSRF(t, c.get(detailsPath)))
			f.Set("email", "li.wei@") // half typed: a switch does not check it
			return f
		}, []string{`value="Li Wei"`, `value="li.wei@"`, `value="ea 1234567"`, `<option value="zh" lang="zh-Hans" selected>`}},
		{"event registration", eventPath, eventPath + "/register", "register-form", func() url.Values {
			f := registerForm(t, c, "alesia@example.com")
			f.Set("name", "Алеся Пташук")
			return f
		}, []string{`value="Алеся Пташук"`, `value="alesia@example.com"`, `<option value="be" lang="be" selected>`}},
		{"find my booking", "/bookings/find", "/bookings/find", "find-form", func() url.Values {
			return url.Values{"csrf": {pageCSRF(t, c.get("/bookings/find"))}, "reference": {"ABCD-EFGH"}, "email": {"someone@example.com"}}
		}, []string{`value="ABCD-EFGH"`, `value="someone@example.com"`}},
	}
	for _, p := range pages {
		page := c.get(p.page + sep(p.page) + "lang=en")
		if !strings.Contains(page.Body, `id="`+p.formID+`"`) ||
			!strings.Contains(page.Body, `<button type="submit" form="`+p.formID+`" name="switch_lang" value="ru" formnovalidate`) {
			t.Fatalf("%s: the language switch does not carry the form:\n%.2500s", p.name, page.Body)
		}
		form := p.form()
		form.Set("switch_lang", "ru")
		res := c.post(p.action, form)
		loc := res.Header.Get("Location")
		u, _ := url.Parse(loc)
		want, _ := url.Parse(p.page)
		if res.Status != http.StatusSeeOther || u.Path != want.Path || u.Query().Get("lang") != "ru" {
			t.Fatalf("%s: the switch answered %d to %q", p.name, res.Status, loc)
		}
		back := c.get(loc)
		if back.Status != http.StatusOK || !strings.Contains(back.Body, `<html lang="ru">`) || strings.Contains(back.Body, `aria-invalid="true"`) {
			t.Errorf("%s: back in Russian: %d, or a field in error:\n%.1500s", p.name, back.Status, back.Body)
		}
		for _, w := range p.kept {
			if !strings.Contains(back.Body, w) {
				t.Errorf("%s: the page in Russian lost %s", p.name, w)
			}
		}
		// The plain page (another reader's, say, or after the form was
		// sent) is not filled in by the switch of this one.
		if other := e.client().get(p.page); strings.Contains(other.Body, p.kept[0]) {
			t.Errorf("%s: another browser sees what was typed", p.name)
		}
	}
	if regs, err := e.DB.Registrations(context.Background(), forumID); err != nil || len(regs) != 0 {
		t.Errorf("a language switch registered %d people (%v)", len(regs), err)
	}

	// Sent for real, the details leave the kept answers behind: "change"
	// on the last check shows what was sent, not what was kept.
	f := answers(pageCSRF(t, c.get(detailsPath)))
	f.Set("name", "Li Na")
	if res := c.post(detailsPath, f); res.Status != http.StatusSeeOther {
		t.Fatalf("details: %d", res.Status)
	}
	if again := c.get(detailsPath); !strings.Contains(again.Body, `value="Li Na"`) {
		t.Errorf("after sending, the form shows what a switch kept, not what was sent")
	}
}
