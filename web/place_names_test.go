package web_test

import (
	"html"
	"strings"
	"testing"
)

// TestCityInReadersLanguage: the jurisdiction finder names the city it
// understood in the reader's language («город Куньмин», not «город
// Kunming»), and the API gives the city's name in each language.
func TestCityInReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	for lang, want := range map[string]string{
		"en": "as the city of Kunming", "zh": "的昆明", "ru": "как город Куньмин", "be": "як горад Куньмін",
	} {
		res := c.get("/jurisdiction?place=Kunming&lang=" + lang)
		if body := html.UnescapeString(res.Body); res.Status != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, lacks %q", lang, res.Status, want)
		}
	}
	res := c.get("/api/v1/jurisdiction?sending=BY&place=Kunming")
	for _, want := range []string{`"city": "Kunming"`, `"zh": "昆明"`, `"ru": "Куньмин"`, `"be": "Куньмін"`} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("API lacks %s:\n%s", want, res.Body)
		}
	}
}

// TestAgreementPlaceInReadersLanguage: an agreement's place is named from
// its entity in the reader's language, never shown as its record ID.
func TestAgreementPlaceInReadersLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	for lang, want := range map[string]string{"en": ", Samarkand", "zh": ", 撒马尔罕", "ru": ", Самарканд", "be": ", Самарканд"} {
		res := c.get("/relations?lang=" + lang)
		if res.Status != 200 || !strings.Contains(res.Body, want) || strings.Contains(res.Body, ", samarkand") {
			t.Errorf("%s: status %d, want %q and not the ID", lang, res.Status, want)
		}
	}
}
