package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// The crawl test is issue 12's "done when": it walks every public page and
// every public API answer in the four languages and fails on what a reader
// must never see: an internal path or note, a quote without a source the
// reader can follow (or the mark of a statement the mission set itself), and
// content left in English on a page in another language.

// crawlLimit bounds the pages one language's walk fetches, so that a link
// that multiplies pages (a query that links to further queries) ends the
// walk instead of hanging it.
const crawlLimit = 400

// heldArticles are the sources whose text the project holds (the five
// articles under dataset/testdata/sources): one of them may be cited without
// a URL when it names its publisher and date.
var heldArticles = map[string]bool{
	"ichongqing-2021-02-01":          true,
	"cqcurrents-interview-bilingual": true,
	"worldandchongqing-2022":         true,
	"cqcurrents-2025-05-04":          true,
	"ichongqing-2023-01-14":          true,
}

// internalMarks are what no page or API answer may contain: paths of the
// project's notes and of the source files, and the name of its reference file.
var internalMarks = []*regexp.Regexp{
	regexp.MustCompile(`shared/sources`),
	regexp.MustCompile(`sources/00`),
	regexp.MustCompile(`\b\d{3}_[0-9a-f]{16}\.txt\b`),
	regexp.MustCompile(`(?i)REFERENCE\.md`),
}

// crawlSeeds are public pages reached by forms rather than links: the finder,
// the entry check and the search with a few inputs, besides the home page
// every walk starts from.
var crawlSeeds = []string{
	"/",
	"/jurisdiction?subdivision=CN-CQ", "/jurisdiction?subdivision=CN-YN", "/jurisdiction?subdivision=CN-HB",
	"/jurisdiction?subdivision=CN-SX", "/jurisdiction?subdivision=CN-SN", "/jurisdiction?subdivision=CN-SH",
	"/jurisdiction?subdivision=CN-GD", "/jurisdiction?subdivision=CN-HK", "/jurisdiction?subdivision=CN-MO",
	"/jurisdiction?subdivision=CN-BJ", "/jurisdiction?place=Wuhan", "/jurisdiction?place=%E6%88%90%E9%83%BD",
	"/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20",
	"/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=business&stay_days=60",
	"/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=work&stay_days=100",
	"/entry-check?destination=BY&nationality=US&passport=ordinary&purpose=tourism&stay_days=10",
	"/relations/search?q=Minsk", "/relations/search?q=%E5%B7%A8%E7%9F%B3", "/relations/search?q=food",
	"/relations/search?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA",
	"/book",
}

// apiQueries are the public GET answers the OpenAPI file lists that need a
// query to answer; paths with {id} are filled from the lists.
var apiQueries = map[string][]string{
	"/api/v1/jurisdiction": {"subdivision=CN-CQ", "subdivision=CN-YN", "subdivision=CN-HB", "subdivision=CN-SX",
		"subdivision=CN-SH", "subdivision=CN-GD", "subdivision=CN-HK", "subdivision=CN-MO", "subdivision=CN-BJ", "place=Wuhan"},
	"/api/v1/entry-check": {"destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20",
		"destination=BY&nationality=CN&passport=ordinary&purpose=business&stay_days=60",
		"destination=BY&nationality=CN&passport=ordinary&purpose=work&stay_days=100",
		"destination=BY&nationality=US&passport=ordinary&purpose=tourism&stay_days=10"},
	"/api/v1/search":                   {"q=Minsk", "q=%E5%B7%A8%E7%9F%B3", "q=food"},
	"/api/v1/verify/{code}":            {""}, // a code that is none: 422
	"/api/v1/match/profiles":           {""},
	"/api/v1/match/suggestions":        {"", "limit=100"},
	"/api/v1/entities":                 {"limit=100"},
	"/api/v1/roles":                    {"limit=100"},
	"/api/v1/partnerships":             {"limit=100"},
	"/api/v1/agreements":               {"limit=100"},
	"/api/v1/events":                   {"limit=100"},
	"/api/v1/corridors":                {"limit=100"},
	"/api/v1/trade-figures":            {"limit=100"},
	"/api/v1/missions":                 {""},
	"/api/v1/subdivisions":             {""},
	"/api/v1/match/sections":           {""},
	"/api/v1/openapi.json":             {""},
	"/api/v1/missions/{id}":            {""},
	"/api/v1/missions/{id}/services":   {""},
	"/api/v1/missions/{id}/slots":      {""},
	"/api/v1/missions/{id}/case-types": {""},
	"/api/v1/events/{id}/registration": {""},
}

// findings gathers what the walk found, grouped by what is wrong, with the
// answers (language and path) where each was seen.
type findings map[string]map[string]bool

func (f findings) add(problem, where string) {
	if f[problem] == nil {
		f[problem] = map[string]bool{}
	}
	f[problem][where] = true
}

func (f findings) report(t *testing.T) {
	t.Helper()
	problems := make([]string, 0, len(f))
	for p := range f {
		problems = append(problems, p)
	}
	sort.Strings(problems)
	for _, p := range problems {
		where := make([]string, 0, len(f[p]))
		for w := range f[p] {
			where = append(where, w)
		}
		sort.Strings(where)
		more := ""
		if len(where) > 6 {
			more = fmt.Sprintf(" and %d more", len(where)-6)
			where = where[:6]
		}
		t.Errorf("%s\n\tin %s%s", p, strings.Join(where, ", "), more)
	}
}

func TestEveryPublicAnswerIsRight(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	sources, err := e.DB.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	followable := map[string]bool{}
	var verbatim []string // the sources' own names, which stay in their language
	for _, s := range sources {
		followable[s.ID] = s.URL != "" || heldArticles[s.ID] && s.Publisher != "" && s.Published != ""
		verbatim = append(verbatim, s.Title, s.Publisher, s.URL)
		if name, _, ok := strings.Cut(s.Publisher, " ("); ok {
			verbatim = append(verbatim, name) // "The World and Chongqing" of "… (by Liu Dingrui)"
		}
	}
	// A source with no address of its own can be followed through a version
	// that has one (the sources page links the versions): an undated
	// interview through its dated republication.
	for _, s := range sources {
		if s.VersionOf != "" && s.URL != "" {
			followable[s.VersionOf] = true
		}
	}
	// Longest first, so that a title is not cut by another title it begins with.
	sort.SliceStable(verbatim, func(i, j int) bool { return len(verbatim[i]) > len(verbatim[j]) })
	texts := contentTexts(reflect.ValueOf(ds))

	f := findings{}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, lang := range ui.Languages {
		pages := 0
		crawl(t, c, e.URL, lang.Code, func(path string, status int, body string) {
			pages++
			where := lang.Code + " " + path
			if status != http.StatusOK && (status < 300 || status > 399) {
				// A link or a seed that leads to an error page.
				f.add(fmt.Sprintf("page answers %d", status), where)
			}
			checkInternal(f, where, body)
			checkPageCitations(f, where, body, followable)
			if lang.Code != "en" && status == http.StatusOK {
				checkEnglishOnly(f, where, lang.Code, body, queryValues(path), verbatim, texts)
			}
		})
		t.Logf("%s: %d pages", lang.Code, pages)
		if pages < 30 {
			t.Errorf("%s: the walk reached only %d pages", lang.Code, pages)
		}
		answers := 0
		queue := apiPaths(t, c, e.URL)
		for len(queue) > 0 {
			path := queue[0]
			queue = queue[1:]
			answers++
			res := fetch(t, c, e.URL, path, lang.Code)
			where := lang.Code + " " + path
			if res.Status >= 500 {
				f.add(fmt.Sprintf("server error %d", res.Status), where)
			}
			if res.Status >= 300 && res.Status < 500 {
				t.Logf("%s: status %d", where, res.Status)
			}
			checkInternal(f, where, res.Body)
			if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				var v any
				if err := json.Unmarshal([]byte(res.Body), &v); err != nil {
					f.add("API answer is not JSON: "+err.Error(), where)
					continue
				}
				if path != "/api/v1/openapi.json" { // its schemas describe citations, they are none
					checkAPICitations(f, where, "", v, false, followable)
				}
				if next, _ := v.(map[string]any)["next"].(string); next != "" {
					queue = append(queue, next) // the rest of a list
				}
			}
		}
		t.Logf("%s: %d API answers", lang.Code, answers)
		if answers < 30 {
			t.Errorf("%s: only %d API answers fetched", lang.Code, answers)
		}
	}
	f.report(t)
}

// fetch GETs path in lang (the ?lang= parameter, as the language links do)
// without cookies, so that no earlier answer's language carries over.
func fetch(t *testing.T, c *http.Client, base, path, lang string) response {
	t.Helper()
	u, err := url.Parse(base + path)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("lang", lang)
	u.RawQuery = q.Encode()
	res, err := c.Get(u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

var hrefAttr = regexp.MustCompile(`(?i)\shref="([^"]*)"`)

// crawl walks the public site breadth-first from the seeds, following
// same-site links, and hands each answer to visit once.
func crawl(t *testing.T, c *http.Client, base, lang string, visit func(path string, status int, body string)) {
	t.Helper()
	seen := map[string]bool{}
	queue := []string{}
	push := func(ref string) {
		p, ok := sitePath(ref)
		if ok && !seen[p] {
			seen[p] = true
			queue = append(queue, p)
		}
	}
	for _, s := range crawlSeeds {
		push(s)
	}
	for len(queue) > 0 && len(seen) <= crawlLimit {
		p := queue[0]
		queue = queue[1:]
		res := fetch(t, c, base, p, lang)
		visit(p, res.Status, res.Body)
		if loc := res.Header.Get("Location"); loc != "" {
			push(loc)
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		for _, m := range hrefAttr.FindAllStringSubmatch(res.Body, -1) {
			push(html.UnescapeString(m[1]))
		}
	}
	if len(queue) > 0 {
		t.Errorf("%s: the walk stopped at %d pages with %d left: raise crawlLimit or find the link that multiplies pages", lang, crawlLimit, len(queue))
	}
}

// sitePath reduces a link to a public page of this site to its path and
// query, without the fragment and the language; ok is false for links that
// leave the site, static files, the staff desk and the API (walked apart).
func sitePath(ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	for _, skip := range []string{"/static/", "/staff", "/api/", "/healthz", "/readyz", "/metrics"} {
		if strings.HasPrefix(u.Path, skip) {
			return "", false
		}
	}
	q := u.Query()
	q.Del("lang")
	u.RawQuery = q.Encode()
	u.Fragment = ""
	return u.RequestURI(), true
}

// apiPaths lists the public GET answers of the OpenAPI file, with their
// path parameters filled from the lists and their queries from apiQueries.
// Answers for one booking or registration (they need its secret token) and
// calendars are not public and are left out.
func apiPaths(t *testing.T, c *http.Client, base string) []string {
	t.Helper()
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	res := fetch(t, c, base, "/api/v1/openapi.json", "en")
	if err := json.Unmarshal([]byte(res.Body), &spec); err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{
		"/api/v1/missions/": listIDs(t, c, base, "/api/v1/missions", "missions"),
		"/api/v1/events/":   listIDs(t, c, base, "/api/v1/events?limit=100", "items"),
	}
	var out []string
	for path, ops := range spec.Paths {
		if _, ok := ops["get"]; !ok || strings.Contains(path, "{reference}") || strings.HasSuffix(path, ".ics") {
			continue
		}
		queries, ok := apiQueries[path]
		if !ok {
			if strings.HasPrefix(path, "/api/v1/releases/") {
				continue // a release exists only once staff publish one
			}
			t.Errorf("the OpenAPI file lists GET %s: add it to apiQueries", path)
			continue
		}
		filled := []string{path}
		if i := strings.Index(path, "{id}"); i >= 0 {
			filled = nil
			for _, id := range ids[path[:i]] {
				filled = append(filled, strings.Replace(path, "{id}", url.PathEscape(id), 1))
			}
			if len(filled) == 0 {
				t.Errorf("no ids to fill %s", path)
			}
		}
		if strings.HasSuffix(path, "/slots") {
			// A mission's slots are asked for one service at a time.
			var each []string
			for _, p := range filled {
				for _, svc := range listIDs(t, c, base, strings.TrimSuffix(p, "/slots")+"/services", "services") {
					each = append(each, p+"?service="+url.QueryEscape(svc))
				}
			}
			filled = each
		}
		for _, p := range filled {
			for _, q := range queries {
				if q == "" {
					out = append(out, p)
				} else {
					out = append(out, p+sep(p)+q)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

func listIDs(t *testing.T, c *http.Client, base, path, key string) []string {
	t.Helper()
	var body map[string]json.RawMessage
	var list []struct {
		ID string `json:"id"`
	}
	res := fetch(t, c, base, path, "en")
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := json.Unmarshal(body[key], &list); err != nil {
		t.Fatalf("%s: %s: %v", path, key, err)
	}
	var ids []string
	for _, x := range list {
		ids = append(ids, x.ID)
	}
	return ids
}

func checkInternal(f findings, where, body string) {
	for _, re := range internalMarks {
		for _, m := range uniq(re.FindAllString(body, -1)) {
			f.add(fmt.Sprintf("internal path or note %q shown", m), where)
		}
	}
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var (
	sourceLink   = regexp.MustCompile(`href="/sources#src-([^"]+)"`)
	outsideLink  = regexp.MustCompile(`href="https?://[^"]+"`)
	setByMission = regexp.MustCompile(`class="(?:[^"]*\s)?set-by-mission(?:\s[^"]*)?"`)
	quoteEnd     = regexp.MustCompile(`(?i)<blockquote[\s>]|</li>|</details>|</section>|<h[1-6][\s>]`)
)

// checkPageCitations holds every quote on a page to its attribution: the
// link to a source the reader can follow, or the mark of a statement the
// mission set, before the next quote or the end of the item (a link to the
// source's own page, where it is not one of the dataset's, will do); and every link
// to a source to a source the reader can follow.
func checkPageCitations(f findings, where, body string, followable map[string]bool) {
	for _, m := range sourceLink.FindAllStringSubmatch(body, -1) {
		if !followable[m[1]] {
			f.add(fmt.Sprintf("page links to source %q, which has no URL (nor, for a held article, publisher and date)", m[1]), where)
		}
	}
	lower := strings.ToLower(body)
	for i := strings.Index(lower, "<blockquote"); i >= 0; {
		end := strings.Index(lower[i:], "</blockquote>")
		if end < 0 {
			f.add("unclosed blockquote", where)
			return
		}
		rest := body[i+end:]
		if n := quoteEnd.FindStringIndex(rest); n != nil {
			rest = rest[:n[0]]
		}
		if !sourceLink.MatchString(rest) && !outsideLink.MatchString(rest) && !setByMission.MatchString(rest) {
			f.add("quote with neither a source link nor the set-by-mission mark", where)
		}
		next := strings.Index(lower[i+end:], "<blockquote")
		if next < 0 {
			break
		}
		i += end + next
	}
}

// checkAPICitations walks an API answer: every citation (an object in a
// "citations" list or under "citation", or any object with a "quote") is
// either "kind": "sourced" with a source the reader can follow or
// "kind": "set_by_mission".
func checkAPICitations(f findings, where, key string, v any, inCitations bool, followable map[string]bool) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			checkAPICitations(f, where, key, x, key == "citations", followable)
		}
	case map[string]any:
		_, quoted := v["quote"]
		if inCitations || key == "citation" || quoted {
			switch kind, _ := v["kind"].(string); kind {
			case "set_by_mission":
			case "sourced":
				id, _ := v["source"].(string)
				if src, ok := v["source"].(map[string]any); ok {
					id, _ = src["id"].(string)
				}
				if u, _ := v["citation_url"].(string); u != "" && id == "" {
					break // a rule's own source, read at its address
				}
				if !followable[id] {
					f.add(fmt.Sprintf("API citation of %q: no URL (nor, for a held article, publisher and date)", id), where)
				}
			default:
				f.add(fmt.Sprintf("API citation without \"kind\": \"sourced\" or \"set_by_mission\" (kind %q)", kind), where)
			}
		}
		for k, x := range v {
			checkAPICitations(f, where, k, x, false, followable)
		}
	}
}

// queryValues are what the reader typed into a page's query ("Minsk" on
// the search results for Minsk), which the page may show back as typed.
func queryValues(path string) []string {
	u, err := url.Parse(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, vs := range u.Query() {
		out = append(out, vs...)
	}
	return out
}

var (
	scriptOrStyle = regexp.MustCompile(`(?is)<(script|style)[\s>].*?</(script|style)>`)
	blockquote    = regexp.MustCompile(`(?is)<blockquote[\s>].*?</blockquote>`)
	// otherLang is an element that says it is in a language of its own (a
	// spelling in the list of a record's other spellings).
	otherLang = regexp.MustCompile(`(?is)<(span|li|q|cite)\s[^>]*\blang="[^"]*"[^>]*>.*?</(?:span|li|q|cite)>`)
	// quoted is a word or phrase a text quotes from a source in quotation
	// marks (the source's English «Minsk» in a Russian note).
	quoted    = regexp.MustCompile(`«[^«»]*»|“[^“”]*”|„[^„“]*“`)
	shownAttr = regexp.MustCompile(`(?i)\s(?:alt|title|aria-label|placeholder)="([^"]*)"`)
	tag       = regexp.MustCompile(`(?s)<[^>]*>`)
)

// checkEnglishOnly finds content of the default dataset shown in English on a
// page in another language whose text differs: a field with no text in the
// reader's language falls back to English. The sources' own words stay as
// written and are left out: quotes (in blockquotes) and the sources' titles,
// publishers and addresses, an element marked as in another language (a
// spelling), a word a note quotes in quotation marks; so is a text the
// reader typed into the query.
func checkEnglishOnly(f findings, where, lang, body string, typed, verbatim []string, texts []mission.Text) {
	body = scriptOrStyle.ReplaceAllString(body, " ")
	body = blockquote.ReplaceAllString(body, " ")
	body = otherLang.ReplaceAllString(body, " ")
	var shown strings.Builder
	for _, m := range shownAttr.FindAllStringSubmatch(body, -1) {
		shown.WriteString(" " + html.UnescapeString(m[1]) + " ")
	}
	page := html.UnescapeString(tag.ReplaceAllString(body, " ")) + shown.String()
	if lang != "en" {
		page = quoted.ReplaceAllString(page, " ")
	}
	for _, v := range verbatim {
		if strings.TrimSpace(v) != "" {
			page = strings.ReplaceAll(page, v, " ")
		}
	}
	page = strings.Join(strings.Fields(page), " ")
	// texts come longest first, and a text found is taken out of the page,
	// so that "Chongqing" inside an English-only note is counted as the note.
	for _, t := range texts {
		en := strings.Join(strings.Fields(t["en"]), " ")
		if t[lang] == t["en"] || slices.Contains(typed, en) || !containsWord(page, en) {
			continue
		}
		page = strings.ReplaceAll(page, en, " ")
		problem := fmt.Sprintf("English-only content on %s pages: %q", lang, en)
		if t[lang] != "" {
			problem = fmt.Sprintf("English text shown on %s pages although a %s text exists: %q", lang, lang, en)
		}
		f.add(problem, where)
	}
}

// containsWord reports whether s holds w not as part of a longer Latin word
// or number ("Minsk" is not found in "Minskaya").
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || !latin(s[j-1])) && (j+len(w) == len(s) || !latin(s[j+len(w)])) {
			return true
		}
		i = j + 1
	}
}

func latin(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// contentTexts finds every text of the dataset that has an English text:
// names, titles, about, outcome, notes, wherever they sit; longest first.
func contentTexts(v reflect.Value) []mission.Text {
	var out []mission.Text
	walk(v, func(x reflect.Value) bool {
		if t, ok := x.Interface().(mission.Text); ok {
			if strings.TrimSpace(t["en"]) != "" {
				out = append(out, t)
			}
			return true
		}
		return false
	})
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]["en"]) > len(out[j]["en"]) })
	return out
}

// walk visits v and everything exported it holds; visit returns true when it
// has taken x whole and its insides need no visit.
func walk(v reflect.Value, visit func(reflect.Value) bool) {
	if !v.IsValid() || !v.CanInterface() {
		return
	}
	if visit(v) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), visit)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), visit)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i), visit)
			}
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), visit)
		}
	}
}

// TestCrawlChecks holds the crawl's checks to the cases they are for, so
// that the crawl passing means what it says.
func TestCrawlChecks(t *testing.T) {
	followable := map[string]bool{"with-url": true}
	pages := []struct {
		name, body string
		problems   int
	}{
		{"quote with a followable source", `<blockquote lang="en">Q</blockquote><p class="cite">— <a href="/sources#src-with-url">P</a></p>`, 0},
		{"statement set by the mission", `<blockquote>Q</blockquote><p class="cite set-by-mission">Set by the mission</p>`, 0},
		{"quote linking a source without URL", `<blockquote>Q</blockquote><p class="cite">— <a href="/sources#src-no-url">P</a></p>`, 1},
		{"quote without attribution", `<li><blockquote>Q</blockquote></li><li><a href="/sources#src-with-url">P</a></li>`, 1},
		{"attribution of the next quote does not count", `<blockquote>Q</blockquote><blockquote>R</blockquote><p class="cite"><a href="/sources#src-with-url">P</a></p>`, 1},
	}
	for _, c := range pages {
		f := findings{}
		checkPageCitations(f, "page", c.body, followable)
		if len(f) != c.problems {
			t.Errorf("%s: %d problems %v, want %d", c.name, len(f), f, c.problems)
		}
	}
	answers := []struct {
		name, body string
		problems   int
	}{
		{"sourced", `{"citations": [{"kind": "sourced", "source": "with-url", "quote": "Q"}]}`, 0},
		{"sourced, source as an object", `{"citation": {"kind": "sourced", "source": {"id": "with-url"}}}`, 0},
		{"set by the mission", `{"citations": [{"kind": "set_by_mission", "note": {"en": "N"}}]}`, 0},
		{"no kind", `{"claims": [{"source": "with-url", "quote": "Q"}]}`, 1},
		{"source without URL", `{"citations": [{"kind": "sourced", "source": "no-url", "quote": "Q"}]}`, 1},
	}
	for _, c := range answers {
		var v any
		if err := json.Unmarshal([]byte(c.body), &v); err != nil {
			t.Fatal(err)
		}
		f := findings{}
		checkAPICitations(f, "answer", "", v, false, followable)
		if len(f) != c.problems {
			t.Errorf("%s: %d problems %v, want %d", c.name, len(f), f, c.problems)
		}
	}
	texts := []mission.Text{
		{"en": "Minsk Region", "zh": "明斯克州"},
		{"en": "Minsk", "zh": "明斯克"},
		{"en": "Hi-Tech Park", "zh": "Hi-Tech Park"},
	}
	english := []struct {
		name, body string
		typed      []string
		problems   int
	}{
		{"translated", `<p>明斯克州</p>`, nil, 0},
		{"left in English", `<p>城市：Minsk</p>`, nil, 1},
		{"longer text counted once", `<p>Minsk Region</p>`, nil, 1},
		{"part of a longer word", `<p>Minskaya</p>`, nil, 0},
		{"same in both languages", `<p>Hi-Tech Park</p>`, nil, 0},
		{"inside a quote", `<blockquote lang="en">Minsk</blockquote>`, nil, 0},
		{"a source's title", `<p><strong>Minsk Today</strong></p>`, nil, 0},
		{"what the reader typed", `<h1>“Minsk”</h1>`, []string{"Minsk"}, 0},
		{"in an attribute shown", `<img alt="Minsk">`, nil, 1},
	}
	for _, c := range english {
		f := findings{}
		checkEnglishOnly(f, "page", "zh", c.body, c.typed, []string{"Minsk Today"}, texts)
		if len(f) != c.problems {
			t.Errorf("%s: %d problems %v, want %d", c.name, len(f), f, c.problems)
		}
	}
	f := findings{}
	checkInternal(f, "page", `see shared/sources/003_3161e91d4c82842e.txt and shared/REFERENCE.md`)
	if len(f) != 4 {
		t.Errorf("internal marks: %v, want 4", f)
	}
}
