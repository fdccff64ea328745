package desk

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/web/ui"
)

// documentPage shows an issued document as its record states it, whether
// it stands, and the form a consul revokes it with.
type documentPage struct {
	Document seal.Document
	Verify   string // the public verify page's path
	Kind     string // the case type and result in the reader's language
	Issued   string
	Revoked  string
	Reason   string
	Saved    bool
	Errors   ui.FormErrors
}

// documentFields map the revocation's fields to the form's inputs.
var documentFields = ui.FormFields{"reason": "revoke-reason", "confirm": "revoke-confirm"}

func (s *Server) documentShow(w http.ResponseWriter, r *http.Request) {
	s.renderDocument(w, r, http.StatusOK, documentPage{Saved: r.URL.Query().Get("saved") == "revoked"})
}

func (s *Server) renderDocument(w http.ResponseWriter, r *http.Request, status int, p documentPage) {
	d, err := s.Docs.Show(r.Context(), r.PathValue("code"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.VisitOf(r).Lang
	p.Document, p.Verify = d, documents.VerifyLink(d.Code)
	p.Kind, _ = s.Docs.Kind(r.Context(), d.Record(), lang)
	p.Issued = documents.Day(s.Translate, lang, d.Issued)
	if !d.Revoked.IsZero() {
		p.Revoked = documents.Day(s.Translate, lang, d.Revoked)
	}
	s.RenderStatus(w, r, status, "staff_document", p)
}

// documentRevoke revokes the document, once the consul confirmed and gave
// a reason; the documents workflow audits it.
func (s *Server) documentRevoke(w http.ResponseWriter, r *http.Request) {
	var err error
	if r.PostFormValue("confirm") != "yes" {
		err = chancery.Errorf(chancery.EINVALID, "error.confirm_required", "Field", "confirm")
	} else {
		_, err = s.Docs.Revoke(r.Context(), actor(r), r.PathValue("code"), r.PostFormValue("reason"))
	}
	if err != nil {
		if errors.Is(err, seal.ErrNoDocument) {
			s.Fail(w, r, err)
			return
		}
		errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, documentFields)
		if !ok {
			s.Fail(w, r, err)
			return
		}
		s.renderDocument(w, r, status, documentPage{Reason: r.PostFormValue("reason"), Errors: errs})
		return
	}
	staffRedirect(w, r, "/staff/documents/"+url.PathEscape(seal.Canonical(r.PathValue("code"))), url.Values{"saved": {"revoked"}})
}

// applicationDocument is the PDF of an application's document for staff;
// the documents workflow records the read in the audit log.
func (s *Server) applicationDocument(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if !ui.KnownLang(lang) {
		lang = ""
	}
	pdf, d, err := s.Docs.ForStaff(r.Context(), actor(r), r.PathValue("reference"), lang)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WritePDF(w, d, pdf)
}
