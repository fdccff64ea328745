package web

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery/jobs"
	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/outbox"
)

// Mailer is the background work of the workflows one step at a time, as
// tests drive it; Jobs runs the same steps on their schedules.
type Mailer struct {
	s      *Server
	sender *outbox.Sender
}

// NewMailer returns a mailer sending as from through smtp; with a nil smtp
// it only queues, and the outbox keeps every message.
func (s *Server) NewMailer(smtp *mail.SMTP, from string) *Mailer {
	return &Mailer{s: s, sender: outbox.NewSender(s.DB, smtp, from, s.Log)}
}

// SendDue sends every message that is due and returns how many went out.
func (m *Mailer) SendDue(ctx context.Context) (int, error) { return m.sender.SendDue(ctx) }

// ExpireUnverified gives back the places of pending bookings whose email
// was not confirmed in time, tells their applicants, and returns how many
// it ended.
func (m *Mailer) ExpireUnverified(ctx context.Context) (int, error) {
	return m.s.Appts.ExpireUnverified(ctx)
}

// QueueReminders queues the reminders due today and returns how many it
// queued.
func (m *Mailer) QueueReminders(ctx context.Context) (int, error) {
	return m.s.Appts.QueueReminders(ctx)
}

// DrawDue draws every release whose window has closed (see
// appointments.DrawDue) and returns how many it drew.
func (s *Server) DrawDue(ctx context.Context) (int, error) { return s.Appts.DrawDue(ctx) }

// Jobs returns the background jobs of the workflows, to run on every
// instance: each runs on the instance holding its lease only. Releases
// are drawn, unverified bookings expired and mail sent every 30 seconds;
// reminders, which read three weeks of appointments, are queued every ten
// minutes (a reminder already queued is not queued again); expired
// idempotency answers and stale rate-limit counts are pruned every ten
// minutes; uploaded files still waiting for the virus scan are scanned
// every minute.
func (s *Server) Jobs(smtp *mail.SMTP, from string) *jobs.Runner {
	m := s.NewMailer(smtp, from)
	r := jobs.New(s.DB, s.Log,
		jobs.Job{Name: "draw-releases", Every: 30 * time.Second, Run: s.Appts.DrawDue},
		jobs.Job{Name: "expire-unverified", Every: 30 * time.Second, Run: s.Appts.ExpireUnverified},
		jobs.Job{Name: "queue-reminders", Every: 10 * time.Minute, Run: s.Appts.QueueReminders},
		jobs.Job{Name: "send-mail", Every: 30 * time.Second, Run: m.SendDue},
		jobs.Job{Name: "prune-expired", Every: 10 * time.Minute, Run: s.DB.PruneExpired},
		jobs.Job{Name: "propose-destructions", Every: 24 * time.Hour, Run: s.DB.ProposeDestructions},
		jobs.Job{Name: "scan-uploads", Every: time.Minute, Run: s.Apps.ScanPending},
	)
	r.Metrics = s.Cfg.Metrics
	return r
}
