package desk

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// applicationFileDownload serves an applicant's file to staff, only ever
// as a download: never shown inline from the site's origin, whatever it
// holds. The read of personal data is audited before any byte is sent.
func (s *Server) applicationFileDownload(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.upload_not_found"))
		return
	}
	// Staff download the files of their missions' cases only.
	if ok, err := s.DB.ServesCase(r.Context(), ui.VisitOf(r).Session.User, r.PathValue("reference")); err != nil || !ok {
		if err == nil {
			err = chancery.Errorf(chancery.ENOTFOUND, "error.upload_not_found")
		}
		s.Fail(w, r, err)
		return
	}
	who := store.ActorOf(ui.VisitOf(r).Session.User)
	doc, content, err := s.Apps.Download(r.Context(), who, "", r.PathValue("reference"), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Content-Length", strconv.FormatInt(doc.Size, 10))
	if _, err := io.Copy(w, content); err != nil {
		// The status is sent: all that is left is to say so in the log.
		s.Log.ErrorContext(r.Context(), "file download broke off", "file", id, "err", err)
	}
}
