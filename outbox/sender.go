package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/store"
)

// Sender sends the queued messages through SMTP. Every instance may run
// one: a message is claimed by one instance at a time (store.Claim).
type Sender struct {
	db   *store.DB
	smtp *mail.SMTP // nil: messages stay in the outbox for staff to read
	from string
	log  *slog.Logger
}

// NewSender returns a sender of db's outbox as from through smtp; with a
// nil smtp it sends nothing and the outbox keeps every message.
func NewSender(db *store.DB, smtp *mail.SMTP, from string, log *slog.Logger) *Sender {
	return &Sender{db: db, smtp: smtp, from: from, log: log}
}

// retryDelay grows with each failed attempt, from one minute to six hours.
func retryDelay(attempts int) time.Duration {
	d := time.Minute << min(attempts, 9)
	return min(d, 6*time.Hour)
}

// applies reports whether msg still applies to its booking as it stands
// (see Applies).
func (s *Sender) applies(ctx context.Context, msg store.Message) (bool, error) {
	if msg.BookingID == 0 {
		return true, nil
	}
	b, err := s.db.BookingOf(ctx, msg)
	if err != nil {
		return false, err
	}
	return Applies(msg, b, s.db.Now()), nil
}

// SendDue sends every message that is due and returns how many went out.
// A message that no longer applies to its booking is withdrawn unsent; one
// that cannot be composed or that the server refuses for good (5xx) is
// given up at once; other failures are retried with a growing delay.
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	if s.smtp == nil {
		return 0, nil
	}
	sent := 0
	for ctx.Err() == nil {
		msg, ok, err := s.db.Claim(ctx, 5*time.Minute)
		if err != nil || !ok {
			return sent, err
		}
		if ok, err := s.applies(ctx, msg); err != nil {
			return sent, err
		} else if !ok {
			if err := s.db.GiveUp(ctx, msg.ID, store.Withdrawn); err != nil {
				return sent, err
			}
			continue
		}
		out := mail.Message{From: s.from, To: msg.To, Subject: msg.Subject, Text: msg.Body,
			MessageID: fmt.Sprintf("outbox-%d-%d@chancery", msg.ID, msg.CreatedAt.UnixMilli())}
		if msg.ICS != "" {
			out.Attachments = []mail.Attachment{{Name: "appointment.ics",
				ContentType: "text/calendar; method=" + msg.ICSMethod + "; charset=UTF-8", Data: []byte(msg.ICS)}}
		}
		if err := s.smtp.Send(ctx, out); err != nil {
			// A server's reply may quote the recipient's address, which
			// belongs in the outbox (staff read it there), not in the log:
			// only its code is logged.
			if mail.Permanent(err) {
				// The same message would fail the same way: it is given up
				// for staff to see, and holds nothing.
				s.log.Warn("mail given up", "id", msg.ID, "attempt", msg.Attempts, "err", mail.LogSafe(err))
				if err := s.db.GiveUp(ctx, msg.ID, err.Error()); err != nil {
					return sent, err
				}
				continue
			}
			delay := retryDelay(msg.Attempts)
			s.log.Warn("mail not sent", "id", msg.ID, "attempt", msg.Attempts, "retry_in", delay, "err", mail.LogSafe(err))
			if err := s.db.MarkFailed(ctx, msg.ID, err.Error(), delay); err != nil {
				return sent, err
			}
			continue
		}
		if err := s.db.MarkSent(ctx, msg.ID); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, ctx.Err()
}
