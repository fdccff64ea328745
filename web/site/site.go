// Package site serves the public pages: the mission network, "Which
// mission serves me?", "Do I need a visa?", the booking journey and the
// manage pages behind the links in mail, events with registration, the
// record of the relationship and its search, and the matchmaking
// sectors. Pages are server-rendered and work without JavaScript.
package site

import (
	"github.com/chancery-platform/chancery/web/ui"
)

// Server is the public site's handlers over the shared ui.Server, whose
// workflows they call.
type Server struct{ *ui.Server }

// New returns the public site over base.
func New(base *ui.Server) *Server { return &Server{Server: base} }
