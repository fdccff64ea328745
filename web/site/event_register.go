package site

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/web/ui"
)

// registrationError is err as the reader's words, with its status.
func (s *Server) registrationError(r *http.Request, err error) (int, string) {
	key, data := chancery.ErrorKey(err)
	return ui.StatusOf(chancery.ErrorCode(err)), s.Translate(ui.VisitOf(r).Lang, key, data)
}
