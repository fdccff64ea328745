package ui

import (
	"net/http"
	"net/url"
	"strings"
)

// What the layout's <head> says about a page to search engines and link
// previews: a description in the page's language, and on public pages the
// page's address in each language (hreflang alternates) and its canonical
// address. The language is in the address as ?lang=, which the middleware
// reads before the cookie (see Server.language).

// Alternate is the address of the current page in one language.
type Alternate struct {
	HrefLang string // BCP 47 tag, or "x-default" for the address without ?lang=
	Href     string
}

// describedPage is the message key prefix of a page's description; a page
// without its own message has the site's (describedSite).
const (
	describedPage = "meta.description."
	describedSite = "meta.description.site"
)

// Description is the page's <meta name="description"> when its template
// defines none from its own content: the page's message, else the site's.
func (v *View) Description() string {
	return v.s.TranslateOr(v.Lang, describedPage+v.page, v.T(describedSite))
}

// Indexed reports whether the page is one a search engine should know in
// every language: a public page answered 200 whose address carries no
// manage-link token (those answers are Private: no referrer).
func (v *View) Indexed() bool { return v.indexed }

// indexable tells whether an answer with status and the headers set so far
// is an indexed page (see View.Indexed).
func indexable(r *http.Request, h http.Header, status int) bool {
	if status != http.StatusOK || h.Get("Referrer-Policy") == "no-referrer" {
		return false
	}
	return r.URL.Path != "/staff" && !strings.HasPrefix(r.URL.Path, "/staff/")
}

// absolute is the site's address of path with query q, built on the
// configured public address, never on the request's Host header.
func (v *View) absolute(q url.Values) string {
	base := strings.TrimSuffix(v.s.Cfg.PublicURL, "/")
	if base == "" {
		base = DefaultPublicURL
	}
	u := base + v.r.URL.Path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// inLanguage is the page's query with lang set to code, or without lang
// when code is "".
func (v *View) inLanguage(code string) url.Values {
	q := v.r.URL.Query()
	q.Del("lang")
	q.Del(SwitchField)
	if code != "" {
		q.Set("lang", code)
	}
	return q
}

// Canonical is the page's address as asked for: with ?lang= when the
// address named the language shown, else the x-default address, which
// answers in the reader's language. Pointing the x-default address at one
// language's would tell search engines that the two are one page, when
// the x-default address speaks every language (Lighthouse's canonical
// audit fails such a cross-language canonical).
func (v *View) Canonical() string {
	if VisitOf(v.r).LangInAddress {
		return v.absolute(v.inLanguage(v.Lang))
	}
	return v.absolute(v.inLanguage(""))
}

// Alternates are the page's addresses in every language, and x-default,
// the address without ?lang= that answers in the reader's language.
func (v *View) Alternates() []Alternate {
	out := make([]Alternate, 0, len(v.Languages)+1)
	for _, l := range v.Languages {
		out = append(out, Alternate{HrefLang: l.Tag, Href: v.absolute(v.inLanguage(l.Code))})
	}
	return append(out, Alternate{HrefLang: "x-default", Href: v.absolute(v.inLanguage(""))})
}
