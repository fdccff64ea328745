package site

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/web/ui"
)

// verifyPage is the check of a document's code: the form to type or
// paste one, and what the check found.
type verifyPage struct {
	Code    string
	Checked bool
	Status  string // documents.Valid, Revoked, Invalid, UnknownKey
	Problem string // why the code is invalid or its key unknown, in the reader's language
	Record  seal.Record
	Mission mission.Text // the mission's name, when the record names one on file
	Kind    string       // the case type and result in the reader's language
	Issued  string
	Expires string
	Revoked string
}

// verifyForm shows the form; a code sent with it goes on to its page.
func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
	if code := seal.Canonical(r.URL.Query().Get("code")); code != "" {
		http.Redirect(w, r, documents.VerifyLink(code), http.StatusSeeOther)
		return
	}
	s.Render(w, r, "document_verify", verifyPage{})
}

// verifyShow checks a code and says what it found, with the least the
// record holds.
func (s *Server) verifyShow(w http.ResponseWriter, r *http.Request) {
	ui.NoStore(w)
	code := seal.Canonical(r.PathValue("code"))
	v, err := s.Docs.Verify(r.Context(), code)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.VisitOf(r).Lang
	p := verifyPage{Code: code, Checked: true, Status: v.Status, Record: v.Record}
	if v.Err != nil {
		key, data := chancery.ErrorKey(v.Err)
		p.Problem = s.Translate(lang, key, data)
	}
	if v.Status == documents.Valid || v.Status == documents.Revoked {
		p.Kind, p.Mission = s.Docs.Kind(r.Context(), v.Record, lang)
		p.Issued = documents.Day(s.Translate, lang, v.Record.Issued)
		if !v.Record.Expires.IsZero() {
			p.Expires = documents.Day(s.Translate, lang, v.Record.Expires)
		}
		if !v.Document.Revoked.IsZero() {
			p.Revoked = documents.Day(s.Translate, lang, v.Document.Revoked)
		}
	}
	status := http.StatusOK
	if v.Status == documents.Invalid {
		status = http.StatusUnprocessableEntity
	} else if v.Status == documents.UnknownKey {
		status = http.StatusNotFound
	}
	s.RenderStatus(w, r, status, "document_verify", p)
}

// verifyKeys publishes every public key of the seal, for checking codes
// offline (chancery verify-seal -keys).
func (s *Server) verifyKeys(w http.ResponseWriter, r *http.Request) {
	set, err := s.Docs.Keys(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, set)
}

// applicationDocument is the applicant's PDF of their decided case, from
// the private link.
func (s *Server) applicationDocument(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if !ui.KnownLang(lang) {
		lang = ""
	}
	pdf, d, err := s.Docs.ForApplicant(r.Context(), r.PathValue("reference"), ui.BookingToken(r), lang)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WritePDF(w, d, pdf)
}
