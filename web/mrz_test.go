package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The passport specimen of ICAO Doc 9303 (REFERENCE.md §5), as JSON.
const (
	mrzTD3Line1 = `P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<`
	mrzTD3Line2 = `L898902C36UTO7408122F1204159ZE184226B<<<<<10`
)

func mrzBody(lines ...string) string {
	b, _ := json.Marshal(map[string]string{"mrz": strings.Join(lines, "\n")})
	return string(b)
}

// TestAPIMRZ reads zones through POST /api/v1/mrz: what a zone says, its
// failed checks with 200, and malformed zones with 400 naming the line and
// position in the reader's language.
func TestAPIMRZ(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.DB.Now = func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) }
	cases := []struct {
		name    string
		path    string
		ctype   string
		body    string
		header  map[string]string
		status  int
		want    []string
		notWant []string
	}{
		{name: "passport specimen", body: mrzBody(mrzTD3Line1, mrzTD3Line2), status: 200, want: []string{`"format": "TD3"`,
			`"document_code": "P"`, `"issuing_state": "UTO"`, `"nationality": "UTO"`, `"surname": "ERIKSSON"`, `"given_names": "ANNA MARIA"`,
			`"document_number": "L898902C3"`, `"birth_date": "1974-08-12"`, `"expiry_date": "2012-04-15"`, `"sex": "F"`,
			`"personal_number": "ZE184226B"`, `"field": "composite"`, `"optional_data": []`, `"valid": true`}, notWant: []string{`"valid": false`}},
		{name: "identity card with CR LF", body: mrzBody("I<UTOD231458907<<<<<<<<<<<<<<<\r", "7408122F1204159UTO<<<<<<<<<<<6\r", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\r"),
			status: 200, want: []string{`"format": "TD1"`, `"document_number": "D23145890"`, `"valid": true`}},
		{name: "visa", body: mrzBody("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"),
			status: 200, want: []string{`"format": "MRV-B"`, `"expiry_date": "1996-12-10"`, `"valid": true`}},
		{name: "a wrong check digit", body: mrzBody(mrzTD3Line1, strings.Replace(mrzTD3Line2, "C36", "C35", 1)), status: 200,
			want: []string{"\"field\": \"document_number\",\n      \"digit\": \"5\",\n      \"expected\": \"6\",\n      \"valid\": false", `"document_number": "L898902C3"`}},
		{name: "month 13 is no date", body: mrzBody(mrzTD3Line1, "L898902C36UTO7413128F1204159ZE184226B<<<<<10"), status: 200,
			want: []string{`"birth_date": null`, `"expiry_date": "2012-04-15"`}},
		{name: "a line too short", body: mrzBody(mrzTD3Line1, mrzTD3Line2[:43]), status: 400,
			want: []string{`"code": "invalid"`, `"line": 2`, `"position": 44`, "Line 2, position 44: the length of the line is 43; each line of a TD3 zone has 44 characters."}},
		{name: "a bad character, in Russian", body: mrzBody(mrzTD3Line1, "L898-02C36UTO7408122F1204159ZE184226B<<<<<10"), header: map[string]string{"Accept-Language": "ru"},
			status: 400, want: []string{`"line": 2`, `"position": 5`, "Строка 2, позиция 5: знака «-»"}},
		{name: "a bad character, in Chinese", path: "/api/v1/mrz?lang=zh", body: mrzBody(mrzTD3Line1, "L898 02C36UTO7408122F1204159ZE184226B<<<<<10"),
			status: 400, want: []string{"第 2 行第 5 位：机读区中不能有“U+0020”"}},
		{name: "one line, in Belarusian", path: "/api/v1/mrz?lang=be", body: mrzBody(mrzTD3Line1), status: 400,
			want: []string{`"line": 2`, `"position": 1`, "Радок 2, пазіцыя 1:"}},
		{name: "a sex no layout has", body: mrzBody(mrzTD3Line1, strings.Replace(mrzTD3Line2, "2F1", "2Q1", 1)), status: 400,
			want: []string{`"position": 21`, "the sex is “Q”"}},
		{name: "no zone", body: `{}`, status: 400, want: []string{`"line": 1`, "Line 1, position 1: the machine-readable zone is empty."}},
		{name: "an unknown field", body: `{"mrz": "", "photo": "x"}`, status: 400, want: []string{`"code": "invalid"`}, notWant: []string{`"line"`}},
		{name: "not JSON", ctype: "text/plain", body: mrzTD3Line1, status: 415, want: []string{`"code": "unsupported_media_type"`}},
		{name: "too large", body: mrzBody(strings.Repeat("<", 70<<10)), status: 413, want: []string{`"code": "too_large"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, ctype := tc.path, tc.ctype
			if path == "" {
				path = "/api/v1/mrz"
			}
			if ctype == "" {
				ctype = "application/json"
			}
			h := map[string]string{"Content-Type": ctype}
			for k, v := range tc.header {
				h[k] = v
			}
			// A client of its own: ?lang= is remembered in a cookie.
			res := e.client().do("POST", path, strings.NewReader(tc.body), h)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d\n%.800s", res.Status, tc.status, res.Body)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Body, w) {
					t.Errorf("body lacks %q\n%.1500s", w, res.Body)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(res.Body, w) {
					t.Errorf("body has %q\n%.1500s", w, res.Body)
				}
			}
			// A zone is personal data: no cache keeps the answer.
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
		})
	}
	if res := e.client().get("/api/v1/mrz"); res.Status != 405 || !strings.Contains(res.Body, `"code": "method_not_allowed"`) {
		t.Errorf("GET: %d %s", res.Status, res.Body)
	}
}
