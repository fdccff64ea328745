package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

// apiBodyFields are the string fields of each API route's JSON body.
var apiBodyFields = map[string][]string{
	"POST /api/v1/bookings":                         {"service", "start", "name", "email", "phone", "passport", "lang"},
	"POST /api/v1/bookings/{reference}/verify":      {"code"},
	"POST /api/v1/bookings/{reference}/reschedule":  {"start"},
	"POST /api/v1/releases/{id}/requests":           {"name", "email", "phone", "passport", "lang"},
	"POST /api/v1/events/{id}/registrations":        {"name", "email", "lang"},
	"POST /api/v1/bookings/{reference}/cancel":      nil, // no body
	"POST /api/v1/registrations/{reference}/cancel": nil,
}

// TestAbuse10UnreadableInput sends a NUL byte and an invalid UTF-8 byte
// in the path, a query parameter's value and name, a form field's value
// and name and each JSON string field of every route (public, API and
// staff, signed in): each is answered 400 with a message in the reader's
// language, never a 5xx, and nothing is logged as an error.
func TestAbuse10UnreadableInput(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	forum := openForum(t, e, 10, false)
	logs := &bytes.Buffer{} // the handler writes one line at a time; read after ts.Close
	srv, err := web.New(e.DB, web.Config{Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	public, desk := newClient(t, ts.URL), newClient(t, ts.URL)
	desk.login("admin")
	booked := public.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "unreadable@example.com"), nil)
	if booked.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", booked.Status, booked.Body)
	}
	b := decodeBooking(t, booked)

	langs := []string{"en", "zh", "ru", "be"}
	want := map[string]string{}
	for _, l := range langs {
		want[l] = localeMessage(t, "input", l, "error.text_unreadable")
	}
	// Values good enough to reach each handler, so that only the bad byte
	// is wrong.
	good := func(pattern, name string) string {
		switch {
		case name == "reference" && strings.Contains(pattern, "/bookings/"):
			return b.Reference
		case name == "id" && strings.Contains(pattern, "/events/"):
			return forum.ID
		case name == "service":
			return "cq-visa"
		}
		return "by-cg-chongqing"
	}
	param := regexp.MustCompile(`\{([^}.$]+)(\.\.\.)?\}`)
	requests := 0
	for i, route := range srv.Routes() {
		method, pattern, _ := strings.Cut(route, " ")
		c := public
		if strings.HasPrefix(pattern, "/staff") {
			c = desk
		}
		for j, bad := range []string{"\x00", "\xff"} {
			lang := langs[(i+j)%len(langs)]
			fill := func(badParam bool) string {
				p := param.ReplaceAllStringFunc(pattern, func(m string) string {
					v := good(pattern, param.FindStringSubmatch(m)[1])
					if badParam {
						v += bad
					}
					return url.PathEscape(v)
				})
				return strings.Replace(p, "{$}", "", 1) + "?token=" + url.QueryEscape(b.Token)
			}
			type variant struct{ where, path, contentType, body string }
			variants := []variant{
				{"query value", fill(false) + "&q=a" + url.QueryEscape(bad), "", ""},
				{"query name", fill(false) + "&" + url.QueryEscape("a"+bad) + "=1", "", ""},
			}
			if param.MatchString(pattern) {
				variants = append(variants, variant{"path", fill(true), "", ""})
			}
			if method == http.MethodPost && strings.HasPrefix(pattern, "/api/") {
				for _, field := range apiBodyFields[route] {
					doc, _ := json.Marshal(map[string]string{field: "a"})
					body := strings.Replace(string(doc), `"a"`, `"a`+map[string]string{"\x00": `\u0000`, "\xff": "\xff"}[bad]+`"`, 1)
					variants = append(variants, variant{"JSON field " + field, fill(false), "application/json", body})
				}
			} else if method == http.MethodPost {
				form := url.Values{"csrf": {c.csrf}}
				variants = append(variants,
					variant{"form value", fill(false), "application/x-www-form-urlencoded", form.Encode() + "&name=a" + url.QueryEscape(bad)},
					variant{"form name", fill(false), "application/x-www-form-urlencoded", form.Encode() + "&" + url.QueryEscape("a"+bad) + "=1"})
			}
			for _, v := range variants {
				requests++
				header := map[string]string{"Accept-Language": lang}
				if v.contentType != "" {
					header["Content-Type"] = v.contentType
				}
				var body io.Reader
				if v.body != "" {
					body = strings.NewReader(v.body)
				}
				res := c.do(method, v.path, body, header)
				if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, want[lang]) {
					t.Errorf("%s with %q in the %s: %d, want 400 with the message in %s\n%.300s", route, bad, v.where, res.Status, lang, res.Body)
				}
			}
		}
	}
	// In a multipart upload the text fields are checked; the file's bytes
	// are the import's to judge, and never make a 5xx either.
	if res := desk.upload("entities.csv", "id\n", url.Values{"kind": {"entity\x00"}}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, want["en"]) {
		t.Errorf("an upload with a NUL in a text field: %d\n%.300s", res.Status, res.Body)
	}
	for _, file := range []string{"id,kind,name_en\nnul\x00,person,Nul\n", "id,kind,name_en\nbad\xff,person,B\xffad\n", `{"entities":[{"id":"a\u0000"}]}`} {
		for _, dry := range []string{"yes", ""} {
			if res := desk.upload("entities.csv", file, url.Values{"kind": {"entity"}, "dry_run": {dry}}); res.Status >= 500 {
				t.Errorf("an upload with unreadable bytes in the file (dry run %q): %d\n%.300s", dry, res.Status, res.Body)
			}
		}
	}
	if requests < 400 {
		t.Errorf("only %d requests sent: the route list is not what this test expects", requests)
	}
	ts.Close() // waits for every request, so the log is complete
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("errors logged:\n%.2000s", logs.String())
	}
}
