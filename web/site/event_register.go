package site

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/web/ui"
)

// registrationError is err as the reader's words, with its status (and,
// for a rate-limit refusal, Retry-After set on w).
func (s *Server) registrationError(w http.ResponseWriter, r *http.Request, err error) (int, string) {
	key, data := chancery.ErrorKey(err)
	return ui.StatusFor(w, err), s.Translate(ui.VisitOf(r).Lang, key, data)
}
