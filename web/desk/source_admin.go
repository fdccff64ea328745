package desk

import (
	"errors"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// sourceAdminPage lists sources with a form to add one.
type sourceAdminPage struct {
	Sources []mission.Source
	Saved   bool
	Errors  ui.FormErrors // every problem of the form sent
	Posted  ui.Posted     // what it was sent with, when refused
}

// sourceFields map the fields a source's rules name to the form's inputs.
var sourceFields = ui.FormFields{"source.id": "src-id", "source.title": "src-title", "source.publisher": "src-publisher",
	"source.published": "src-published", "source.date_kind": "src-date-kind", "source.url": "src-url",
	"source.language": "src-language", "source.version_of": "src-version-of", "source.note": "src-note-en"}

func (s *Server) sourceAdmin(w http.ResponseWriter, r *http.Request) {
	s.renderSourceAdmin(w, r, http.StatusOK, nil)
}

// renderSourceAdmin shows the sources, with the problems of the form sent
// and what it was sent with when errs is not nil.
func (s *Server) renderSourceAdmin(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors) {
	src, err := s.DB.Sources(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := sourceAdminPage{Sources: src, Saved: r.URL.Query().Get("saved") != "", Errors: errs}
	if errs != nil {
		p.Posted = ui.Posted(r.PostForm)
	}
	s.RenderStatus(w, r, status, "sources_admin", p)
}

func (s *Server) sourceCreate(w http.ResponseWriter, r *http.Request) {
	src := mission.Source{
		ID:        strings.TrimSpace(r.PostFormValue("id")),
		Title:     strings.TrimSpace(r.PostFormValue("title")),
		Publisher: strings.TrimSpace(r.PostFormValue("publisher")),
		Published: strings.TrimSpace(r.PostFormValue("published")),
		DateKind:  mission.DateKind(strings.TrimSpace(r.PostFormValue("date_kind"))),
		URL:       strings.TrimSpace(r.PostFormValue("url")),
		Language:  strings.TrimSpace(r.PostFormValue("language")),
		VersionOf: strings.TrimSpace(r.PostFormValue("version_of")),
		Note:      noteFromForm(r),
	}
	if src.DateKind == "" {
		src.DateKind = src.Kind()
	}
	var errs []error
	if _, err := s.DB.Source(r.Context(), src.ID); err == nil {
		errs = append(errs, chancery.Errorf(chancery.ECONFLICT, "error.source_exists", "ID", src.ID, "Field", "source.id"))
	}
	if src.VersionOf != "" {
		if _, err := s.DB.Source(r.Context(), src.VersionOf); err != nil {
			errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.source_not_found", "ID", src.VersionOf, "Field", "source.version_of"))
		}
	}
	err := ui.MoreErrors(src.Validate(), errors.Join(errs...))
	if err == nil {
		_, err = s.DB.SaveSource(r.Context(), actor(r), src)
	}
	if err != nil {
		fe, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, sourceFields)
		if !ok {
			s.Fail(w, r, err)
			return
		}
		s.renderSourceAdmin(w, r, status, fe)
		return
	}
	http.Redirect(w, r, "/staff/sources?saved=1", http.StatusSeeOther)
}

// noteFromForm reads a note written in the four languages (note_en …
// note_be); a form that sends one "note" gives its English text.
func noteFromForm(r *http.Request) mission.Text {
	t := mission.Text{}
	for _, l := range mission.Languages {
		if v := strings.TrimSpace(r.PostFormValue("note_" + l)); v != "" {
			t[l] = v
		}
	}
	if v := strings.TrimSpace(r.PostFormValue("note")); v != "" && t["en"] == "" {
		t["en"] = v
	}
	if t.Empty() {
		return nil
	}
	return t
}
