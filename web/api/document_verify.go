package api

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiVerification is what checking a document's code found (OpenAPI
// schema Verification): the least the record holds, and whether it was
// revoked.
type apiVerification struct {
	Status    string `json:"status"` // valid, revoked, invalid, unknown_key
	Message   string `json:"message,omitempty"`
	Mission   string `json:"mission,omitempty"`
	CaseType  string `json:"case_type,omitempty"`
	Result    string `json:"result,omitempty"`
	Reference string `json:"reference,omitempty"`
	Holder    string `json:"holder,omitempty"`
	Issued    string `json:"issued,omitempty"`  // YYYY-MM-DD
	Expires   string `json:"expires,omitempty"` // YYYY-MM-DD
	Key       string `json:"key,omitempty"`
	RevokedAt string `json:"revoked_at,omitempty"` // YYYY-MM-DD
}

// apiVerify checks a document's code, as the page /verify/{code} does:
// 200 for a valid or revoked document, 422 for an invalid code, 404 for
// a key never published.
func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) {
	v, err := s.Docs.Verify(r.Context(), r.PathValue("code"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := apiVerification{Status: v.Status}
	if v.Err != nil {
		key, data := chancery.ErrorKey(v.Err)
		out.Message = s.Translate(ui.VisitOf(r).Lang, key, data)
	}
	status := http.StatusOK
	switch v.Status {
	case documents.Invalid:
		status = http.StatusUnprocessableEntity
	case documents.UnknownKey:
		status, out.Key = http.StatusNotFound, v.Record.KeyID
	default:
		out = withRecord(out, v.Record)
		if !v.Document.Revoked.IsZero() {
			out.RevokedAt = v.Document.Revoked.Format("2006-01-02")
		}
	}
	ui.WriteJSON(w, status, out)
}

func withRecord(out apiVerification, rec seal.Record) apiVerification {
	out.Mission, out.CaseType, out.Result, out.Reference, out.Holder, out.Key = rec.Mission, rec.CaseType, rec.Result, rec.Ref, rec.Holder, rec.KeyID
	out.Issued = rec.Issued.Format("2006-01-02")
	if !rec.Expires.IsZero() {
		out.Expires = rec.Expires.Format("2006-01-02")
	}
	return out
}
