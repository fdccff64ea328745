package site

import (
	"context"
	"net/url"

	"github.com/chancery-platform/chancery/registrations"
)

// registrable is an event that takes registration, with its record and
// hosting mission.
type registrable = registrations.Registrable

// registrable reads the event id with its registration settings; an event
// without settings, or not in the record, is ENOTFOUND.
func (s *Server) registrable(ctx context.Context, id string) (registrable, error) {
	return s.Regs.Registrable(ctx, id)
}

// eventLink is the path of an event's public page.
func eventLink(id string) string { return "/events/" + url.PathEscape(id) }
