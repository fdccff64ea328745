package desk

import (
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
	Error   string
}

func (s *Server) sourceAdmin(w http.ResponseWriter, r *http.Request) {
	s.renderSourceAdmin(w, r, http.StatusOK, "")
}

func (s *Server) renderSourceAdmin(w http.ResponseWriter, r *http.Request, status int, problem string) {
	src, err := s.DB.Sources(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.RenderStatus(w, r, status, "sources_admin", sourceAdminPage{Sources: src, Saved: r.URL.Query().Get("saved") != "", Error: problem})
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
	if src.VersionOf != "" {
		if _, err := s.DB.Source(r.Context(), src.VersionOf); err != nil {
			s.renderSourceAdmin(w, r, http.StatusBadRequest, s.Translate(ui.VisitOf(r).Lang, "error.source_not_found", map[string]any{"ID": src.VersionOf}))
			return
		}
	}
	if _, err := s.DB.Source(r.Context(), src.ID); err == nil {
		s.renderSourceAdmin(w, r, http.StatusConflict, s.Translate(ui.VisitOf(r).Lang, "error.source_exists", map[string]any{"ID": src.ID}))
		return
	}
	if _, err := s.DB.SaveSource(r.Context(), actor(r), src); err != nil {
		code, key, data := errorParts(err)
		if code == chancery.EINTERNAL {
			s.Fail(w, r, err)
			return
		}
		s.renderSourceAdmin(w, r, ui.StatusOf(code), s.Translate(ui.VisitOf(r).Lang, key, data))
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
