package web

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mail"
)

// Mailer sends the outbox through SMTP and queues reminders. Every
// instance may run one: a message is claimed by one instance at a time
// (store.Claim), and a reminder is queued once per booking (a unique index).
type Mailer struct {
	s        *Server
	smtp     *mail.SMTP // nil: messages stay in the outbox for staff to read
	from     string
	Interval time.Duration
}

// NewMailer returns a mailer sending as from through smtp; with a nil smtp
// it only queues, and the outbox keeps every message.
func (s *Server) NewMailer(smtp *mail.SMTP, from string) *Mailer {
	return &Mailer{s: s, smtp: smtp, from: from, Interval: 30 * time.Second}
}

// Run works until ctx ends.
func (m *Mailer) Run(ctx context.Context) {
	jobs := []struct {
		name, what string
		run        func(context.Context) (int, error)
	}{
		{"draw-releases", "draw releases", m.s.DrawDue},
		{"expire-unverified", "expire unverified bookings", m.ExpireUnverified},
		{"queue-reminders", "queue reminders", m.QueueReminders},
		{"send-mail", "send mail", m.SendDue},
	}
	t := time.NewTicker(m.Interval)
	defer t.Stop()
	for {
		for _, j := range jobs {
			_, err := j.run(ctx)
			if ctx.Err() != nil {
				// Stopping is no failure of the job.
				break
			}
			m.s.cfg.Metrics.JobRun(j.name, err) // monitor hook
			if err != nil {
				m.s.log.Error(j.what, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// retryDelay grows with each failed attempt, from one minute to six hours.
func retryDelay(attempts int) time.Duration {
	d := time.Minute << min(attempts, 9)
	return min(d, 6*time.Hour)
}

// SendDue sends every message that is due and returns how many went out.
func (m *Mailer) SendDue(ctx context.Context) (int, error) {
	if m.smtp == nil {
		return 0, nil
	}
	sent := 0
	for ctx.Err() == nil {
		msg, ok, err := m.s.db.Claim(ctx, 5*time.Minute)
		if err != nil || !ok {
			return sent, err
		}
		out := mail.Message{From: m.from, To: msg.To, Subject: msg.Subject, Text: msg.Body,
			MessageID: fmt.Sprintf("outbox-%d-%d@chancery", msg.ID, msg.CreatedAt.UnixMilli())}
		if msg.ICS != "" {
			out.Attachments = []mail.Attachment{{Name: "appointment.ics",
				ContentType: "text/calendar; method=" + msg.ICSMethod + "; charset=UTF-8", Data: []byte(msg.ICS)}}
		}
		if err := m.smtp.Send(ctx, out); err != nil {
			delay := retryDelay(msg.Attempts)
			if mail.Permanent(err) {
				delay = 24 * time.Hour
			}
			m.s.log.Warn("mail not sent", "id", msg.ID, "attempt", msg.Attempts, "retry_in", delay, "err", err)
			if err := m.s.db.MarkFailed(ctx, msg.ID, err.Error(), delay); err != nil {
				return sent, err
			}
			continue
		}
		if err := m.s.db.MarkSent(ctx, msg.ID); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, ctx.Err()
}

// ExpireUnverified gives back the places of pending bookings whose email
// was not confirmed in time, tells their applicants, and returns how many
// it ended. Any instance may run it: each booking ends once.
func (m *Mailer) ExpireUnverified(ctx context.Context) (int, error) {
	due, err := m.s.db.Unverified(ctx)
	if err != nil {
		return 0, err
	}
	base := m.s.publicURL(nil)
	ended := 0
	for _, b := range due {
		notify, err := m.s.bookingNotifier(ctx, MailExpired, b.ServiceID, func(b booking.Booking) string {
			return base + "/missions/" + url.PathEscape(b.MissionID) + "/book/" + url.PathEscape(b.ServiceID)
		})
		if err != nil {
			return ended, err
		}
		ok, err := m.s.db.ExpireBooking(ctx, b, notify)
		if err != nil {
			return ended, err
		}
		if ok {
			ended++
		}
	}
	return ended, nil
}

// QueueReminders queues a reminder for every confirmed appointment whose
// mission's previous working day is today, and returns how many it queued
// (a reminder already queued is not queued again).
func (m *Mailer) QueueReminders(ctx context.Context) (int, error) {
	now := m.s.db.Now()
	// Appointments up to three weeks ahead: enough for a long holiday
	// (Spring Festival, National Day) between the reminder and the visit.
	upcoming, err := m.s.db.ConfirmedBetween(ctx, now, now.Add(21*24*time.Hour))
	if err != nil {
		return 0, err
	}
	queued := 0
	calendars := map[string]calendar.Calendar{}
	for _, b := range upcoming {
		cal, ok := calendars[b.MissionID]
		if !ok {
			if cal, err = m.s.db.MissionCalendar(ctx, b.MissionID); err != nil {
				return queued, err
			}
			calendars[b.MissionID] = cal
		}
		day := calendar.DateOf(b.Start, cal.Zone)
		if cal.PrevWorkingDay(day) != calendar.DateOf(now, cal.Zone) {
			continue
		}
		notify, err := m.s.bookingNotifier(ctx, MailReminder, b.ServiceID, nil)
		if err != nil {
			return queued, err
		}
		msgs, err := notify(b)
		if err != nil {
			return queued, err
		}
		for _, msg := range msgs {
			added, err := m.s.db.Enqueue(ctx, msg)
			if err != nil {
				return queued, err
			}
			if added {
				queued++
			}
		}
	}
	return queued, nil
}
