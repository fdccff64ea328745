package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The booking journey as pages, driven like a browser without JavaScript:
// forms posted with the CSRF token each page carries, cookies in a jar.

const (
	bookPath    = "/missions/by-cg-chongqing/book/cq-visa"
	detailsPath = bookPath + "/details?start=2026-12-01T09%3A00%3A00%2B08%3A00"
	confirmPath = bookPath + "/confirm"
)

var keyField = regexp.MustCompile(`name="key" value="([^"]+)"`)

// token returns the CSRF token of a page's forms.
func pageCSRF(t *testing.T, res response) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no CSRF field on the page (status %d):\n%.800s", res.Status, res.Body)
	}
	return m[1]
}

// answers is a good step 3 form for the visa service.
func answers(csrf string) url.Values {
	return url.Values{"csrf": {csrf}, "name": {"Li Wei"}, "email": {"li.wei@example.com"}, "phone": {"+86 138 0000 0000"},
		"passport": {"ea 1234567"}, "msg_lang": {"zh"}}
}

// checkPage fills in step 3 and returns the last check and its confirm form.
func checkPage(t *testing.T, c *client) (response, url.Values) {
	t.Helper()
	csrf := pageCSRF(t, c.get(detailsPath))
	res := followCheck(t, c, c.post(detailsPath, answers(csrf)))
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Check your answers") {
		t.Fatalf("the details did not lead to the last check: %d\n%.800s", res.Status, res.Body)
	}
	key := keyField.FindStringSubmatch(res.Body)
	if key == nil {
		t.Fatal("the last check has no idempotency key")
	}
	form := answers(csrf)
	form.Set("passport", "EA1234567")
	form.Set("key", key[1])
	form.Set("start", "2026-12-01T09:00:00+08:00")
	return res, form
}

// followCheck follows the details form's answer, a redirect to the last
// check (post/redirect/get), which carries no answer in its address.
func followCheck(t *testing.T, c *client, res response) response {
	t.Helper()
	loc := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.Contains(loc, "/check?start=") || strings.Contains(loc, "li.wei") {
		t.Fatalf("the details answered %d, to %q, not a redirect to the last check", res.Status, loc)
	}
	return c.get(loc)
}

func placesAt9(c *client) string {
	slots := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01")
	i := strings.Index(slots.Body, `"start": "2026-12-01T09:00:00+08:00"`)
	if i < 0 {
		return "no slot"
	}
	m := regexp.MustCompile(`"available": (\d+)`).FindStringSubmatch(slots.Body[i:])
	return m[1]
}

func TestBookingPagesJourney(t *testing.T) {
	e := newBookingEnv(t)
	c := e.client()
	e.run(t, c, []scenario{
		{name: "missions that take appointments", path: "/book", status: 200, want: []string{`href="/missions/by-cg-chongqing/book"`}, notWant: []string{"by-embassy-beijing/book"}},
		{name: "the services", path: "/missions/by-cg-chongqing/book", status: 200,
			want: []string{`href="/missions/by-cg-chongqing/services/cq-visa"`, "Submitting a visa application", "20 minutes", "passport number needed"}},
		{name: "a service's start page", path: "/missions/by-cg-chongqing/services/cq-visa", status: 200,
			want: []string{"Before you start", "Documents to bring", `href="/missions/by-cg-chongqing/book/cq-visa"`}},
		{name: "a mission without services", path: "/missions/by-embassy-beijing/book", status: 200, want: []string{"does not take appointments online"}},
		{name: "an unknown mission", path: "/missions/nowhere/book", status: 404},
		{name: "an unknown service", path: "/missions/by-cg-chongqing/book/cq-nothing", status: 404},
		{name: "another mission's service", path: "/missions/by-embassy-beijing/book/cq-visa", status: 404},
		{name: "the first week", path: bookPath, status: 200,
			want: []string{"China Standard Time (UTC&#43;8)", `id="day-2026-11-23"`, "No time can be booked on this day any more.",
				`value="2026-11-24T10:00:00&#43;08:00"`, "does not open on Saturdays", `href="` + bookPath + `?week=2026-11-30"`, "Step 2 of 4",
				// the first free time of the window, offered at once; the week's first day with free times is open
				"The first free time is Tuesday, 24 November 2026, 10:00.", "Choose the first free time",
				`aria-current="date"><span>Tuesday, 24 November 2026</span>`, "Free times on Tuesday, 24 November 2026",
				`href="` + bookPath + `?week=2026-11-23&amp;day=2026-11-25#times"`, `name="day" min="2026-11-23" max="2026-12-23"`},
			notWant: []string{`value="2026-11-24T09:40:00&#43;08:00"`, "Previous week", `value="2026-11-23T`}},
		{name: "a later week", path: bookPath + "?week=2026-12-02", status: 200,
			want:    []string{`id="day-2026-11-30"`, `value="2026-11-30T09:00:00&#43;08:00"`, "Previous week", "Next week"},
			notWant: []string{`value="2026-12-01T09:00:00&#43;08:00"`}},
		{name: "a day of a later week", path: bookPath + "?day=2026-12-01", status: 200,
			want:    []string{`id="day-2026-11-30"`, "Free times on Tuesday, 1 December 2026", `value="2026-12-01T09:00:00&#43;08:00"`, `value="2026-12-01"`},
			notWant: []string{`value="2026-11-30T09:00:00&#43;08:00"`}},
		{name: "a bad day", path: bookPath + "?day=tomorrow", status: 400, want: []string{"YYYY-MM-DD"}},
		{name: "beyond the window, the last week", path: bookPath + "?week=2027-06-01", status: 200,
			want: []string{`id="day-2026-12-23"`}, notWant: []string{"Thursday, 24 December", "Next week"}},
		{name: "a bad week", path: bookPath + "?week=someday", status: 400, want: []string{"YYYY-MM-DD"}},
		{name: "no time chosen", path: bookPath + "/details?week=2026-11-30", status: 400,
			want: []string{"Please choose one of the free times.", `id="day-2026-11-30"`}},
		{name: "a time not offered", path: bookPath + "/details?start=2026-12-01T12%3A30%3A00%2B08%3A00", status: 400,
			want: []string{"There is no appointment at 2026-12-01 12:30", "The next free times", `href="` + bookPath + `?week=2026-11-23#day-2026-11-24"`}},
		{name: "a closed day", path: bookPath + "/details?start=2026-12-06T09%3A00%3A00%2B08%3A00", status: 400, want: []string{"closed on 2026-12-06"}},
		{name: "the details form", path: detailsPath, status: 200,
			want: []string{`autocomplete="name"`, `autocomplete="email"`, `autocomplete="tel"`, `inputmode="tel"`, `name="passport"`,
				"Tuesday, 1 December 2026, 09:00–09:20", "China Standard Time (UTC&#43;8)", `name="csrf"`}},
		{name: "no passport asked where not needed", path: "/missions/by-cg-chongqing/book/cq-collect/details?start=2026-12-01T09%3A00%3A00%2B08%3A00",
			status: 200, notWant: []string{`name="passport"`}},
		{name: "a manage page with a wrong token", path: "/bookings/ABCD-EFGH?token=nope", status: 404, want: []string{"There is no booking"}},
		{name: "GET of the booking form's address", path: confirmPath, status: http.StatusSeeOther},
	})

	check, form := checkPage(t, c)
	for _, want := range []string{"Li Wei", "li.wei@example.com", "EA1234567", `lang="zh-Hans">简体中文`, `<a href="` + strings.ReplaceAll(detailsPath, "&", "&amp;") + `#email">`} {
		if !strings.Contains(check.Body, want) {
			t.Errorf("the last check lacks %q", want)
		}
	}
	if check.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the last check may be cached: %q", check.Header.Get("Cache-Control"))
	}
	if got := placesAt9(c); got != "2" {
		t.Fatalf("the last check booked something: %s places left", got)
	}

	// A double click, then a reload of the same form: one booking.
	var wg sync.WaitGroup
	results := make([]response, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = c.post(confirmPath, form)
		}()
	}
	wg.Wait()
	results = append(results, c.post(confirmPath, form))
	where := results[0].Header.Get("Location")
	for i, res := range results {
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != where {
			t.Fatalf("confirm %d: %d to %q (first went to %q)\n%.600s", i, res.Status, res.Header.Get("Location"), where, res.Body)
		}
	}
	if !strings.HasPrefix(where, "/bookings/") || !strings.HasSuffix(where, "&new=1") {
		t.Fatalf("confirm went to %q", where)
	}
	if got := placesAt9(c); got != "1" {
		t.Fatalf("after three sends of one form, %s places are left; want 1", got)
	}

	page := c.get(where)
	for _, want := range []string{"Booked", "A confirmation email is on its way to li.wei@example.com", "Please arrive 10 minutes",
		"Please bring the documents listed above", "Tuesday, 1 December 2026, 09:00–09:20", "China Standard Time (UTC&#43;8)", "Cancel this appointment"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the new booking's page lacks %q", want)
		}
	}
	if page.Header.Get("Referrer-Policy") != "no-referrer" || page.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the manage page's headers: Referrer-Policy %q, Cache-Control %q", page.Header.Get("Referrer-Policy"), page.Header.Get("Cache-Control"))
	}
	manage := strings.TrimSuffix(where, "&new=1")
	u, _ := url.Parse(manage)
	ref, tok := strings.TrimPrefix(u.Path, "/bookings/"), u.Query().Get("token")
	if !strings.Contains(page.Body, ref) {
		t.Errorf("the manage page does not show the reference %s", ref)
	}
	if res := c.get("/bookings/" + ref + "?token=" + tok + "x"); res.Status != 404 || strings.Contains(res.Body, "Li Wei") {
		t.Fatalf("a wrong token: %d", res.Status)
	}

	// Cancelling: the GET only asks; the POST needs the CSRF token.
	cancelPath := "/bookings/" + ref + "/cancel?token=" + tok
	ask := c.get(cancelPath)
	if ask.Status != 200 || !strings.Contains(ask.Body, "Are you sure") || ask.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("the cancel confirmation: %d\n%.600s", ask.Status, ask.Body)
	}
	if got := c.get("/api/v1/bookings/" + ref + "?token=" + tok); !strings.Contains(got.Body, `"status": "confirmed"`) {
		t.Fatalf("a GET changed the booking: %s", got.Body)
	}
	if res := c.post(cancelPath, url.Values{}); res.Status != http.StatusForbidden {
		t.Fatalf("a cancel without the CSRF token: %d", res.Status)
	}
	// The cancel page is sent with Referrer-Policy: no-referrer, so browsers
	// send its form with "Origin: null"; Sec-Fetch-Site tells where it came from.
	cancelForm := url.Values{"csrf": {pageCSRF(t, ask)}}
	postFrom := func(site string) response {
		return c.do("POST", cancelPath, strings.NewReader(cancelForm.Encode()), map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "Origin": "null", "Sec-Fetch-Site": site})
	}
	if res := postFrom("cross-site"); res.Status != http.StatusForbidden {
		t.Fatalf("a cancel from another site: %d", res.Status)
	}
	res := postFrom("same-origin")
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != manage {
		t.Fatalf("cancel: %d to %q", res.Status, res.Header.Get("Location"))
	}
	after := c.get(manage)
	if !strings.Contains(after.Body, "This appointment has been cancelled.") || strings.Contains(after.Body, "Cancel this appointment") ||
		!strings.Contains(after.Body, `href="`+bookPath+`"`) {
		t.Fatalf("the cancelled booking's page:\n%.1200s", after.Body)
	}
	if got := placesAt9(c); got != "2" {
		t.Fatalf("the cancelled place was not given back: %s left", got)
	}
	if again := c.get(cancelPath); again.Status != 200 || strings.Contains(again.Body, `method="post"`) {
		t.Fatalf("the cancel page of a cancelled booking still offers to cancel: %d", again.Status)
	}
}

func TestBookingPagesFormErrors(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	csrf := pageCSRF(t, c.get(detailsPath))
	cases := []struct {
		name, field, value string
		want               string
	}{
		{"no name", "name", "  ", "Please enter your full name."},
		{"bad email", "email", "not-an-email", "“not-an-email” is not an email address"},
		{"bad phone", "phone", "call me", "is not a phone number"},
		{"no passport", "passport", "", "This service needs your passport number."},
		{"bad passport", "passport", "12", "is not a passport number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			form := answers(csrf)
			form.Set(tc.field, tc.value)
			res := c.post(detailsPath, form)
			if res.Status != http.StatusBadRequest {
				t.Fatalf("status %d", res.Status)
			}
			for _, want := range []string{tc.want, `<a href="#` + tc.field + `">`, `aria-describedby="` + tc.field + `-hint ` + tc.field + `-error"`,
				`id="` + tc.field + `-error"`, "There is a problem", "<title>Error: "} {
				if !strings.Contains(res.Body, want) {
					t.Errorf("lacks %q", want)
				}
			}
			if n := strings.Count(res.Body, `aria-invalid="true"`); n != 1 {
				t.Errorf("%d fields marked invalid; want 1", n)
			}
			if !strings.Contains(res.Body, `value="Li Wei"`) && tc.field != "name" {
				t.Error("the answers given were not kept")
			}
		})
	}
	t.Run("no CSRF token", func(t *testing.T) {
		form := answers("")
		form.Del("csrf")
		if res := c.do("POST", detailsPath, strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); res.Status != http.StatusForbidden {
			t.Fatalf("status %d", res.Status)
		}
	})
	t.Run("a form from another site", func(t *testing.T) {
		res := c.do("POST", detailsPath, strings.NewReader(answers(csrf).Encode()),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"})
		if res.Status != http.StatusForbidden {
			t.Fatalf("status %d", res.Status)
		}
	})
	t.Run("confirm without CSRF token", func(t *testing.T) {
		_, form := checkPage(t, c)
		form.Set("csrf", "forged-forged-forged-forged-forged")
		if res := c.post(confirmPath, form); res.Status != http.StatusForbidden {
			t.Fatalf("status %d", res.Status)
		}
		if got := placesAt9(c); got != "2" {
			t.Fatalf("a forged confirm booked: %s left", got)
		}
	})
	t.Run("a change link shows the form filled in", func(t *testing.T) {
		check, _ := checkPage(t, c)
		if !strings.Contains(check.Body, `<a href="`+strings.ReplaceAll(detailsPath, "&", "&amp;")+`#email">Change`) {
			t.Fatal("the last check has no link to change the email address")
		}
		res := c.get(detailsPath)
		if res.Status != 200 || !strings.Contains(res.Body, `value="li.wei@example.com"`) || strings.Contains(res.Body, "Check your answers") {
			t.Fatalf("%d\n%.600s", res.Status, res.Body)
		}
		// Another browser (no draft cookie) gets an empty form, and the last check sends it there.
		other := e.client()
		if res := other.get(detailsPath); strings.Contains(res.Body, "li.wei@example.com") {
			t.Fatal("another browser sees the answers")
		}
		if res := other.get(strings.Replace(detailsPath, "/details?", "/check?", 1)); res.Status != http.StatusSeeOther ||
			!strings.Contains(res.Header.Get("Location"), "/details?start=") {
			t.Fatalf("the last check without answers: %d %q", res.Status, res.Header.Get("Location"))
		}
	})
}

func TestBookingPagesLostRace(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	_, form := checkPage(t, c)
	for _, who := range []string{"a@example.com", "b@example.com"} {
		if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", who), nil); res.Status != 201 {
			t.Fatalf("filling the slot: %d %s", res.Status, res.Body)
		}
	}
	res := c.post(confirmPath, form)
	if res.Status != http.StatusConflict {
		t.Fatalf("a lost race: %d\n%.600s", res.Status, res.Body)
	}
	for _, want := range []string{"Someone else has just booked the last place", "The next free times",
		`href="` + bookPath + `?week=2026-11-23#day-2026-11-24"`, "Tuesday, 24 November 2026, 10:00–10:20"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the lost race lacks %q", want)
		}
	}
	if res := c.get(detailsPath); res.Status != http.StatusConflict || !strings.Contains(res.Body, "last place") {
		t.Errorf("the details of a full slot: %d", res.Status)
	}
}

func TestBookingPagesHolidays(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	e.DB.Now = func() time.Time { return time.Date(2026, 12, 20, 2, 0, 0, 0, time.UTC) }
	e.run(t, e.client(), []scenario{
		{name: "Catholic Christmas in Belarus", path: bookPath + "?week=2026-12-21", status: 200,
			want: []string{"The mission is closed on 25 December 2026 for a public holiday in Belarus (Catholic Christmas)."}},
		{name: "New Year, expected in China", path: bookPath + "?week=2026-12-28", status: 200,
			want: []string{"for a public holiday in China (New Year). The date of this holiday is expected", "public holiday in Belarus (New Year)."}},
		{name: "in Chinese", path: bookPath + "?week=2026-12-21&lang=zh", status: 200, want: []string{"因白俄罗斯法定节假日（天主教圣诞节）不对外办公", "2026年12月25日（星期五）"}},
		{name: "in Russian", path: bookPath + "?week=2026-12-21&lang=ru", status: 200, want: []string{"Пятница, 25 декабря 2026 г.", "Рождество Христово (католическое Рождество)", "по субботам"}},
		{name: "in Belarusian", path: bookPath + "?week=2026-12-21&lang=be", status: 200, want: []string{"Пятніца, 25 снежня 2026 г.", "каталіцкае Раство", "па суботах"}},
	})
}

// TestBookingPagesInEveryLanguage walks the journey in each language and
// looks for message keys shown instead of their translation.
func TestBookingPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	for i, l := range []struct{ code, tag, word, at string }{
		{"en", "en", "Book", "09:00"}, {"zh", "zh-Hans", "预约", "09:20"}, {"ru", "ru", "Запис", "09:40"}, {"be", "be", "Запіс", "10:00"},
	} {
		t.Run(l.code, func(t *testing.T) {
			c := e.client()
			c.get("/?lang=" + l.code)
			start := "2026-12-01T" + l.at + ":00+08:00"
			details := bookPath + "/details?start=" + url.QueryEscape(start)
			pages := map[string]response{}
			for _, p := range []string{"/book", "/missions/by-cg-chongqing/book", "/missions/by-embassy-beijing/book", bookPath, bookPath + "?week=2026-12-14",
				bookPath + "/details?week=2026-11-30", bookPath + "/details?start=2026-12-06T09%3A00%3A00%2B08%3A00", details, "/bookings/NOPE-NOPE?token=x"} {
				pages[p] = c.get(p)
			}
			csrf := pageCSRF(t, pages[details])
			form := answers(csrf)
			form.Set("email", l.code+"@example.com")
			form.Set("passport", "EA100000"+strconv.Itoa(i))
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set("email", "nope")
			pages["details with an error"] = c.post(details, bad)
			check := followCheck(t, c, c.post(details, form))
			pages["check"] = check
			key := keyField.FindStringSubmatch(check.Body)
			if key == nil {
				t.Fatalf("no last check: %d\n%.600s", check.Status, check.Body)
			}
			form.Set("key", key[1])
			form.Set("start", start)
			done := c.post(confirmPath, form)
			if done.Status != http.StatusSeeOther {
				t.Fatalf("confirm: %d\n%.600s", done.Status, done.Body)
			}
			where := done.Header.Get("Location")
			pages["manage"] = c.get(where)
			u, _ := url.Parse(where)
			pages["cancel"] = c.get(u.Path + "/cancel?token=" + u.Query().Get("token"))
			pages["move"] = c.get(u.Path + "/reschedule?token=" + u.Query().Get("token"))
			pages["move without a time"] = c.post(u.Path+"/reschedule?token="+u.Query().Get("token"), url.Values{"csrf": {pageCSRF(t, pages["move"])}})
			form.Set("key", key[1]+"2")
			pages["already booked"] = c.post(confirmPath, form)
			if pages["already booked"].Status != http.StatusConflict {
				t.Errorf("a second booking by the same person: %d", pages["already booked"].Status)
			}
			for p, res := range pages {
				if !strings.Contains(res.Body, `<html lang="`+l.tag+`">`) {
					t.Errorf("%s: not in %s (status %d)", p, l.tag, res.Status)
				}
				if !strings.Contains(res.Body, l.word) {
					t.Errorf("%s: lacks %q", p, l.word)
				}
				for _, raw := range []string{"booking.", "calendar.", "error.", "nav."} {
					if strings.Contains(res.Body, ">"+raw) || strings.Contains(res.Body, `="`+raw) || strings.Contains(res.Body, " "+raw) {
						t.Errorf("%s: an untranslated message key %q… is shown", p, raw)
					}
				}
			}
		})
	}
}

// TestZoneNamedInReadersLanguage: the booking week and the mission's page
// name the time zone in the reader's language, never as "Asia/Shanghai".
func TestZoneNamedInReadersLanguage(t *testing.T) {
	e := newBookingEnv(t)
	c := e.client()
	for lang, want := range map[string]string{
		"en": "China Standard Time (UTC&#43;8)", "zh": "北京时间（UTC&#43;8）",
		"ru": "пекинское время (UTC&#43;8)", "be": "пекінскі час (UTC&#43;8)",
	} {
		for _, p := range []string{bookPath + "?lang=" + lang, "/missions/by-cg-chongqing?lang=" + lang} {
			res := c.get(p)
			if res.Status != 200 || !strings.Contains(res.Body, want) || strings.Contains(res.Body, "Asia/Shanghai") {
				t.Errorf("%s: status %d, want %q and no \"Asia/Shanghai\"", p, res.Status, want)
			}
		}
	}
}
