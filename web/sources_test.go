package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSourcesAReaderCanFollow: the sources page links each source's address
// and says its date's kind, an untitled source is "untitled", and a
// statement set by the mission is marked so, in every language, with no link
// to a source; the API says each statement's kind.
func TestSourcesAReaderCanFollow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The notes and descriptions other work of issue 12 rewrites are checked
	// by the crawl of every public page; these are the paths this work removed.
	internal := []string{"chancery-reference", "shared/sources", "sources/000_", "sources/003_"}
	e.run(t, e.client(), []scenario{
		{name: "sources page", path: "/sources", status: 200, want: []string{
			`<a href="https://www.ichongqing.info/2021/02/01/belarus-consulate-general-officially-opens-in-chongqing/">`,
			`<a href="https://chongqinglifeguide.com/web/wenzhang.aspx?cId=133707549785800911">`,
			"page dated 2025-05-04", "published 2021-02-01", "untitled", "undated", "English, Chinese",
			`A version of: <a href="#src-cqcurrents-interview-bilingual">`},
			notWant: internal},
		{name: "sources page in Chinese", path: "/sources?lang=zh", status: 200, want: []string{"页面标注日期 2025-05-04", "无标题"}, notWant: internal},
		{name: "sources page in Russian", path: "/sources?lang=ru", status: 200, want: []string{"дата на странице: 2025-05-04", "без названия"}, notWant: internal},
		{name: "sources page in Belarusian", path: "/sources?lang=be", status: 200, want: []string{"дата на старонцы: 2025-05-04", "без назвы"}, notWant: internal},
		{name: "a statement set by the mission", path: "/missions/by-embassy-beijing?lang=en", status: 200,
			want:    []string{`<p class="cite set-by-mission"><strong>Set by the mission</strong>: The Embassy&#39;s address is entered by the mission`},
			notWant: append([]string{`<blockquote lang="en"></blockquote>`, `<blockquote></blockquote>`}, internal...)},
		{name: "set by the mission in Chinese", path: "/missions/by-embassy-beijing?lang=zh", status: 200, want: []string{"<strong>由本馆设定</strong>"}},
		{name: "set by the mission in Russian", path: "/missions/by-embassy-beijing?lang=ru", status: 200, want: []string{"<strong>Установлено представительством</strong>"}},
		{name: "set by the mission in Belarusian", path: "/missions/by-embassy-beijing?lang=be", status: 200, want: []string{"<strong>Устаноўлена прадстаўніцтвам</strong>"}},
		{name: "a sourced citation links its source and the original", path: "/missions/by-embassy-beijing?lang=en", status: 200, want: []string{
			`<a href="/sources#src-ichongqing-2021-02-01">iChongqing (by Rui Huxingchen Yue), Belarus Consulate General Officially Opens in Chongqing</a>, published 2021-02-01 · <a href="https://www.ichongqing.info/`}},
		{name: "API kinds", path: "/api/v1/missions/by-embassy-beijing", status: 200, want: []string{
			`"kind": "set_by_mission"`, `"kind": "sourced"`, `"date_kind": "published"`,
			`"url": "https://www.ichongqing.info/2021/02/01/belarus-consulate-general-officially-opens-in-chongqing/"`},
			notWant: internal},
		{name: "API: a version of a source", path: "/api/v1/missions/by-cg-chongqing", status: 200, want: []string{
			`"version_of": "cqcurrents-interview-bilingual"`, `"date_kind": "page_dated"`}},
		{name: "API: records' citations say their kind", path: "/api/v1/entities", status: 200, want: []string{`"kind": "set_by_mission"`, `"kind": "sourced"`},
			notWant: internal},
	})
	// A translation is shown beside the quote, marked as one, to a reader of
	// another language than the source's.
	page := e.client().get("/relations?lang=en")
	if !strings.Contains(page.Body, "<em>Translation:</em> without a visa for at most 30 days") {
		t.Error("the relations page lacks the translation of the Russian passage on the visa exemption")
	}
	if ru := e.client().get("/relations?lang=ru"); strings.Contains(ru.Body, "<em>Перевод:</em>") {
		t.Error("a reader of the source's own language is shown a translation")
	}
}

// TestStaffEntersAVersionOfASource: staff may enter an untitled source, say
// its date is only the page's, and make it a version of another; a version
// of a source that does not exist is refused.
func TestStaffEntersAVersionOfASource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	form := func(id, versionOf string) url.Values {
		return url.Values{"id": {id}, "title": {""}, "publisher": {"A republisher"}, "published": {"2025-05-04"},
			"date_kind": {"page_dated"}, "url": {"https://example.org/copy"}, "language": {"en"}, "version_of": {versionOf},
			"note_en": {"A copy kept by a republisher."}, "note_zh": {"转载方保存的副本。"}, "note_ru": {"Копия у перепечатавшего издания."},
			"note_be": {"Копія ў выдання, якое перадрукавала."}}
	}
	if res := c.post("/staff/sources", form("copy-nowhere", "no-such-source")); res.Status != http.StatusBadRequest {
		t.Errorf("a version of no source: %d", res.Status)
	}
	if res := c.post("/staff/sources", form("interview-copy", "cqcurrents-interview-bilingual")); res.Status != http.StatusSeeOther {
		t.Fatalf("an untitled, page-dated version: %d\n%.400s", res.Status, res.Body)
	}
	page := e.client().get("/sources?lang=en")
	i := strings.Index(page.Body, `id="src-interview-copy"`)
	if i < 0 {
		t.Fatal("the new source is not listed")
	}
	entry := page.Body[i:]
	entry = entry[:strings.Index(entry, "</li>")]
	for _, want := range []string{"<strong>untitled</strong>", "A republisher, page dated 2025-05-04", `<a href="https://example.org/copy">`,
		`A version of: <a href="#src-cqcurrents-interview-bilingual">`, "A copy kept by a republisher."} {
		if !strings.Contains(entry, want) {
			t.Errorf("the entry lacks %q:\n%s", want, entry)
		}
	}
	// The note was entered in the four languages: each reader gets theirs.
	if ru := e.client().get("/sources?lang=ru"); !strings.Contains(ru.Body, "Копия у перепечатавшего издания.") {
		t.Error("the Russian page lacks the Russian note entered at the desk")
	}
}
