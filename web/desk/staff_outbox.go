package desk

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/chancery-platform/chancery"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// outboxSize is how many messages a page of the outbox lists.
const outboxSize = 100

// outboxPage lists the mail, sent or waiting, newest first, a page at a
// time: without SMTP configured, this is where staff read what the
// platform would send.
type outboxPage struct {
	Messages []store.Message
	Zone     string
	Unsent   bool   // waiting messages only
	Older    string // the next page's address, when there is one
}

// messagePage is one message of the outbox, in full.
type messagePage struct {
	Message store.Message
	Zone    string
}

func (s *Server) outboxList(w http.ResponseWriter, r *http.Request) {
	q := store.OutboxQuery{Unsent: r.URL.Query().Get("unsent") == "yes", Limit: outboxSize + 1}
	if v := r.URL.Query().Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.bad_page"))
			return
		}
		q.Before = n
	}
	msgs, err := s.DB.Outbox(r.Context(), q)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := outboxPage{Messages: msgs, Zone: ui.MissionZone, Unsent: q.Unsent}
	if len(msgs) > outboxSize {
		p.Messages = msgs[:outboxSize]
		next := url.Values{"before": {strconv.FormatInt(p.Messages[outboxSize-1].ID, 10)}}
		if q.Unsent {
			next.Set("unsent", "yes")
		}
		p.Older = "/staff/outbox?" + next.Encode()
	}
	s.Render(w, r, "staff_outbox", p)
}

func (s *Server) outboxShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	m, err := s.DB.OutboxMessage(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	// The manage link's token lets whoever holds it cancel or move the
	// booking: it belongs to the applicant, so staff see it masked.
	m.Body = manageToken.ReplaceAllString(m.Body, "${1}…")
	s.Render(w, r, "staff_message", messagePage{Message: m, Zone: ui.MissionZone})
}

// manageToken finds the token of a manage link, and the code of a
// verification link, in a message.
var manageToken = regexp.MustCompile(`([?&](?:token|code)=)[A-Za-z0-9_-]+`)
