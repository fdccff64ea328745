package web

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/outbox"
)

// Mailer runs the background work of the booking workflows: lottery
// draws, expiry of unverified bookings, reminders, and sending the
// outbox through SMTP. Every instance may run one: a message is claimed
// by one instance at a time (store.Claim), and a reminder is queued once
// per booking (a unique index).
type Mailer struct {
	s        *Server
	sender   *outbox.Sender
	Interval time.Duration
}

// NewMailer returns a mailer sending as from through smtp; with a nil smtp
// it only queues, and the outbox keeps every message.
func (s *Server) NewMailer(smtp *mail.SMTP, from string) *Mailer {
	return &Mailer{s: s, sender: outbox.NewSender(s.DB, smtp, from, s.Log), Interval: 30 * time.Second}
}

// Run works until ctx ends.
func (m *Mailer) Run(ctx context.Context) {
	t := time.NewTicker(m.Interval)
	defer t.Stop()
	for {
		if _, err := m.s.appts.DrawDue(ctx); err != nil && ctx.Err() == nil {
			m.s.Log.Error("draw releases", "err", err)
		}
		if _, err := m.ExpireUnverified(ctx); err != nil && ctx.Err() == nil {
			m.s.Log.Error("expire unverified bookings", "err", err)
		}
		if _, err := m.QueueReminders(ctx); err != nil && ctx.Err() == nil {
			m.s.Log.Error("queue reminders", "err", err)
		}
		if _, err := m.SendDue(ctx); err != nil && ctx.Err() == nil {
			m.s.Log.Error("send mail", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SendDue sends every message that is due and returns how many went out.
func (m *Mailer) SendDue(ctx context.Context) (int, error) { return m.sender.SendDue(ctx) }

// ExpireUnverified gives back the places of pending bookings whose email
// was not confirmed in time, tells their applicants, and returns how many
// it ended.
func (m *Mailer) ExpireUnverified(ctx context.Context) (int, error) {
	return m.s.appts.ExpireUnverified(ctx)
}

// QueueReminders queues the reminders due today and returns how many it
// queued.
func (m *Mailer) QueueReminders(ctx context.Context) (int, error) {
	return m.s.appts.QueueReminders(ctx)
}

// DrawDue draws every release whose window has closed (see
// appointments.DrawDue) and returns how many it drew.
func (s *Server) DrawDue(ctx context.Context) (int, error) { return s.appts.DrawDue(ctx) }
