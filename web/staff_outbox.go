package web

import (
	"net/http"
	"regexp"

	"github.com/chancery-platform/chancery/store"
)

// outboxSize is how many of the latest messages the outbox page lists.
const outboxSize = 100

// outboxPage lists the latest mail, sent or waiting: without SMTP
// configured, this is where staff read what the platform would send.
type outboxPage struct {
	Messages []store.Message
	Zone     string
}

// messagePage is one message of the outbox, in full.
type messagePage struct {
	Message store.Message
	Zone    string
}

func (s *Server) outboxList(w http.ResponseWriter, r *http.Request) {
	msgs, err := s.db.Outbox(r.Context(), false, outboxSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "staff_outbox", outboxPage{Messages: msgs, Zone: MissionZone})
}

func (s *Server) outboxShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.db.OutboxMessage(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The manage link's token lets whoever holds it cancel or move the
	// booking: it belongs to the applicant, so staff see it masked.
	m.Body = manageToken.ReplaceAllString(m.Body, "${1}…")
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "staff_message", messagePage{Message: m, Zone: MissionZone})
}

// manageToken finds the token of a manage link in a message.
var manageToken = regexp.MustCompile(`([?&]token=)[A-Za-z0-9_-]+`)
