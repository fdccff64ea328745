package desk

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// caseTypesPage lists a mission's case types, each at its latest version.
type caseTypesPage struct {
	Mission mission.Mission
	Types   []casework.CaseType
}

func (s *Server) caseTypeList(w http.ResponseWriter, r *http.Request) {
	m, types, err := s.DB.MissionCaseTypes(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "staff_case_types", caseTypesPage{Mission: m, Types: types})
}

// caseTypePage is one case type as its JSON document (casework.CaseType),
// editable by those who may change case types and read-only for the rest;
// a save adds a version and never rewrites one.
type caseTypePage struct {
	Mission mission.Mission
	Type    casework.CaseType
	Body    string // the document shown: the latest version, or what a refused save sent
	CanEdit bool
	Saved   string // the version a save just made
	Errors  ui.FormErrors
}

// caseTypeDocument is a case type as the editor shows it: indented JSON
// without the fields the path and the store set.
func caseTypeDocument(t casework.CaseType) string {
	t.Mission, t.Version = "", 0
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(t)
	return b.String()
}

func (s *Server) caseTypeShow(w http.ResponseWriter, r *http.Request) {
	s.renderCaseType(w, r, http.StatusOK, "", nil)
}

// renderCaseType shows the case type's editor; body is what a refused
// save sent ("" shows the latest version).
func (s *Server) renderCaseType(w http.ResponseWriter, r *http.Request, status int, body string, errs ui.FormErrors) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	t, err := s.DB.CaseType(r.Context(), m.ID, r.PathValue("type"), 0)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if body == "" {
		body = caseTypeDocument(t)
	}
	s.RenderStatus(w, r, status, "staff_case_type", caseTypePage{Mission: m, Type: t, Body: body, Saved: r.URL.Query().Get("saved"),
		CanEdit: staff.Can(ui.VisitOf(r).Session.User.Role, staff.EditCaseTypes), Errors: errs})
}

// caseTypeSave keeps the document sent as the case type's next version:
// a document that is not JSON of a case type, or breaks its rules, is
// shown again with every problem at once; a save that meets another's
// new version is told so.
func (s *Server) caseTypeSave(w http.ResponseWriter, r *http.Request) {
	body := r.PostFormValue("document")
	var t casework.CaseType
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		lang := ui.VisitOf(r).Lang
		s.renderCaseType(w, r, http.StatusBadRequest, body, ui.FormErrors{{Field: "document",
			Message: s.Translate(lang, "error.casetype_json", map[string]any{"Problem": chancery.Echo(err.Error())})}})
		return
	}
	t.Mission, t.ID = r.PathValue("id"), r.PathValue("type")
	base, _ := strconv.Atoi(r.PostFormValue("version"))
	v, err := s.DB.SaveCaseTypeOver(r.Context(), actor(r), t, base)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		s.renderCaseType(w, r, http.StatusConflict, body, ui.FormErrors{{Message: s.Translate(ui.VisitOf(r).Lang, "error.casetype_changed", map[string]any{"ID": t.ID})}})
		return
	}
	if err != nil {
		errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, ui.FormFields{})
		if !ok {
			s.Fail(w, r, err)
			return
		}
		for i := range errs {
			errs[i].Field = "document"
		}
		s.renderCaseType(w, r, status, body, errs)
		return
	}
	http.Redirect(w, r, "/staff/missions/"+url.PathEscape(t.Mission)+"/case-types/"+url.PathEscape(t.ID)+"?saved="+strconv.Itoa(v), http.StatusSeeOther)
}
