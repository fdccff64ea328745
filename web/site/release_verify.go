package site

import (
	"net/http"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/web/ui"
)

// releaseVerifyPage asks a person who entered a lottery release to confirm
// their address, from the link in the email sent to them.
type releaseVerifyPage struct {
	Action string // the page's own address, with the code
	CSRF   string
	Done   bool   // the request counts in the draw
	Error  string // why it could not be confirmed
}

// releaseEntry reads the release and request ids of the page's path.
func releaseEntry(r *http.Request) (releaseID, requestID int64, ok bool) {
	rel, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	req, err2 := strconv.ParseInt(r.PathValue("request"), 10, 64)
	return rel, req, err1 == nil && err2 == nil && rel > 0 && req > 0
}

// releaseVerifyShow shows the button that confirms the address; only its
// form's POST confirms, since mail scanners follow links.
func (s *Server) releaseVerifyShow(w http.ResponseWriter, r *http.Request) {
	ui.Private(w)
	rel, req, ok := releaseEntry(r)
	if !ok {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.release_request_not_found"))
		return
	}
	s.Render(w, r, "release_verify", releaseVerifyPage{Action: appointments.EntryLink(rel, req, r.URL.Query().Get("code")),
		CSRF: s.JourneyCSRF(w, r)})
}

// releaseVerify confirms the address; the page then says the request
// counts in the draw, or why it does not.
func (s *Server) releaseVerify(w http.ResponseWriter, r *http.Request) {
	ui.Private(w)
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	rel, req, ok := releaseEntry(r)
	if !ok {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.release_request_not_found"))
		return
	}
	code := r.URL.Query().Get("code")
	p := releaseVerifyPage{Action: appointments.EntryLink(rel, req, code)}
	err := s.Appts.VerifyEntry(r.Context(), rel, req, code)
	if c := chancery.ErrorCode(err); c != "" && c != chancery.ECONFLICT {
		s.Fail(w, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		key, data := chancery.ErrorKey(err)
		p.Error, status = s.Translate(ui.VisitOf(r).Lang, key, data), ui.StatusOf(chancery.ECONFLICT)
	}
	p.Done = err == nil
	s.RenderStatus(w, r, status, "release_verify", p)
}
