package ui

import (
	"bytes"
	"embed"
	"time"

	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/staff"
)

//go:embed templates
var templateFiles embed.FS

// parseTemplates parses each page together with the layout and partials.
// Every page must define "title" and "content"; a page that does not is
// reported at start-up.
func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	entries, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range entries {
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		for _, want := range []string{"title", "content"} {
			if t.Lookup(want) == nil {
				return nil, fmt.Errorf("template %s does not define %q", name, want)
			}
		}
		pages[name] = t
	}
	return pages, nil
}

// View is what every template gets: the page's data and the reader's
// language, with methods to translate and format in it.
type View struct {
	s         *Server
	r         *http.Request
	Lang      string
	Tag       string
	Languages []Language
	User      *staff.User
	CSRF      string
	Data      any
	Status    int

	page    string // the template's name, for the page's description
	indexed bool   // see Indexed
}

func (s *Server) view(r *http.Request, data any) *View {
	v := VisitOf(r)
	vw := &View{s: s, r: r, Lang: v.Lang, Tag: "en", Languages: Languages, Data: data}
	for _, l := range Languages {
		if l.Code == v.Lang {
			vw.Tag = l.Tag
		}
	}
	if v.Session != nil {
		vw.User, vw.CSRF = &v.Session.User, v.Session.CSRF
	}
	return vw
}

// With is the view with other data, for a partial that shows part of a
// page's data.
func (v *View) With(data any) *View {
	w := *v
	w.Data = data
	return &w
}

// T translates a message key; args are placeholder names and values.
func (v *View) T(key string, args ...any) string {
	var data map[string]any
	if len(args) > 0 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return v.s.Translate(v.Lang, key, data)
}

// Text picks a multilingual text in the reader's language.
func (v *View) Text(t mission.Text) string { return t.In(v.Lang) }

// Cited is a citation ready for the "citation" partial: its note in the
// reader's language, and the view for anything else the partial says.
type Cited struct {
	mission.Citation
	NoteText        string
	TranslationText string // the quote translated into the reader's language, "" when not needed or not given
	View            *View
}

// Cite prepares a citation for the "citation" partial.
func (v *View) Cite(c mission.Citation) Cited {
	out := Cited{Citation: c, NoteText: c.Note.In(v.Lang), View: v}
	if c.Source == nil || !slices.Contains(strings.Split(c.Source.Language, "+"), v.Lang) {
		out.TranslationText = c.Translation.In(v.Lang)
	}
	return out
}

// SourceCount is how many sources the citations rest on, the versions of one
// source (a republication, the other language of an interview) counted once
// and statements set by the mission not at all.
func (v *View) SourceCount(cites []mission.Citation) int {
	return mission.CountWorks(cites, nil)
}

// SourceDate says a source's date with its kind in the reader's language:
// "published 2021-02-01", "page dated 2025-05-04" or "undated".
func (v *View) SourceDate(s mission.Source) string {
	switch s.Kind() {
	case mission.DatePageDated:
		return v.T("source.page_dated", "Date", s.Published)
	case mission.DateUndated:
		return v.T("sources.undated")
	}
	return v.T("source.published", "Date", s.Published)
}

// SourceTitle is a source's title, or "untitled" in the reader's language.
func (v *View) SourceTitle(s mission.Source) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return v.T("source.untitled")
}

// LanguageName names a source's language ("en", or "en+zh" for a bilingual
// text) in the reader's language.
func (v *View) LanguageName(code string) string {
	var names []string
	for _, c := range strings.Split(code, "+") {
		switch c = strings.TrimSpace(c); c {
		case "":
		case "en", "zh", "ru", "be", "de":
			names = append(names, v.T("source.lang."+c))
		default:
			names = append(names, c)
		}
	}
	if v.Lang == "zh" {
		return strings.Join(names, "、")
	}
	return strings.Join(names, ", ")
}

// HTMLLang is the lang attribute of a passage in a source's language.
func (v *View) HTMLLang(code string) string {
	switch {
	case code == "zh":
		return "zh-Hans"
	case strings.Contains(code, "+"):
		return "und"
	}
	return code
}

// CityName is a city of the gazetteer, given by its English name (a
// jurisdiction match's City), in the reader's language: «Куньмин», 昆明.
func (v *View) CityName(english string) string { return place.CityName(english, v.Lang) }

// Sub names a subdivision in the reader's language, with its code.
func (v *View) Sub(code string) string {
	if sd, ok := place.ByCode(code); ok {
		if n := sd.Name[v.Lang]; n != "" {
			return n
		}
		return sd.Name["en"]
	}
	return code
}

// Asset returns the content-hashed URL of a static file.
func (v *View) Asset(name string) string { return v.s.assets.url[name] }

// Path is the current path, for marking the current navigation link.
func (v *View) Path() string { return v.r.URL.Path }

// LangURL is the current page in another language.
func (v *View) LangURL(code string) string {
	return v.r.URL.Path + "?" + v.inLanguage(code).Encode()
}

// Can reports whether the signed-in staff member may perform action.
func (v *View) Can(action string) bool {
	return v.User != nil && staff.Can(v.User.Role, staff.Action(action))
}

// Query is a query parameter of the current request, for refilling forms.
func (v *View) Query(name string) string { return v.r.URL.Query().Get(name) }

// Render writes a page with status 200, or the given status if set on the view.
func (s *Server) Render(w http.ResponseWriter, r *http.Request, page string, data any) {
	s.RenderStatus(w, r, http.StatusOK, page, data)
}

func (s *Server) RenderStatus(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	t, ok := s.pages[page]
	if !ok {
		s.Fail(w, r, fmt.Errorf("no template %q", page))
		return
	}
	vw := s.view(r, data)
	vw.Status, vw.page, vw.indexed = status, page, indexable(r, w.Header(), status)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", vw); err != nil {
		s.Log.ErrorContext(r.Context(), "render", "page", page, "err", err) // monitor hook: the request id comes with the context
		http.Error(w, "Internal error. It has been logged.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", vw.Tag)
	w.Header().Set("Vary", "Accept-Language, Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// RenderTo writes a page into buf, for a page sent in parts.
func (s *Server) RenderTo(buf *bytes.Buffer, r *http.Request, page string, data any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("no template %q", page)
	}
	vw := s.view(r, data)
	vw.Status, vw.page = http.StatusOK, page
	return t.ExecuteTemplate(buf, "layout.html", vw)
}

// statusOf maps an error code to an HTTP status.
func StatusOf(code string) int {
	switch code {
	case chancery.EINVALID:
		return http.StatusBadRequest
	case chancery.ENOTFOUND:
		return http.StatusNotFound
	case chancery.ECONFLICT:
		return http.StatusConflict
	case chancery.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case chancery.EFORBIDDEN:
		return http.StatusForbidden
	case chancery.ERATELIMIT:
		return http.StatusTooManyRequests
	case chancery.EMETHOD:
		return http.StatusMethodNotAllowed
	case chancery.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case chancery.EUNSUPPORTED:
		return http.StatusUnsupportedMediaType
	}
	return http.StatusInternalServerError
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Message string
}

// Fail answers with err: as JSON under /api/, else as a page, in the
// reader's language. Internal errors are logged and never described.
func (s *Server) Fail(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = chancery.Errorf(chancery.ETOOLARGE, "error.too_large")
	}
	code := chancery.ErrorCode(err)
	if code == chancery.EINTERNAL {
		// The route pattern, not the path, which may carry a reference;
		// the request id comes with the context. (monitor hook)
		s.Log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
	key, data := chancery.ErrorKey(err)
	lang := VisitOf(r).Lang
	msg := s.Translate(lang, key, data)
	status := StatusFor(w, err)
	if status == http.StatusUnauthorized && !IsAPI(r) {
		http.Redirect(w, r, "/staff/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if IsAPI(r) {
		WriteJSON(w, status, map[string]any{"error": map[string]string{"code": apiCode(err, code), "message": msg}})
		return
	}
	s.RenderStatus(w, r, status, "error", errorPage{Status: status, Message: msg})
}

func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// IndentedJSON is v as WriteJSON writes it, for an answer kept to be
// written again.
func IndentedJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.Encode(v)
	return b.Bytes()
}

func (s *Server) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.page_not_found"))
}

// textField is one multilingual field of a staff form.
type textField struct {
	Name string
	Text mission.Text
}

// TextFields lists a mission's multilingual fields in form order.
func (v *View) TextFields(m mission.Mission) []textField {
	return []textField{{"name", m.Name}, {"city", m.City}, {"address", m.Address}, {"hours", m.Hours},
		{"directions", m.Directions}, {"emergency", m.Emergency}, {"notes", m.Notes}, {"head_name", m.Head.Name}, {"head_title", m.Head.Title}}
}

// Time shows an instant in a time zone as people write it, in the reader's
// language: "Tuesday, 8 December 2026, 10:00 (China Standard Time, UTC+8)".
func (v *View) Time(t time.Time, tz string) string {
	return mission.LongTime(v.s.Translate, v.Lang, t, mission.Zone(tz))
}

// Country names an ISO 3166-1 alpha-2 code in the reader's language.
func (v *View) Country(code string) string { return place.CountryName(code, v.Tag) }
