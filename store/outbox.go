package store

import (
	"context"
	"database/sql"
	"math"
	"time"
)

// Message is an email in the outbox.
type Message struct {
	ID        int64
	BookingID int64 // 0 when about no booking
	Kind      string
	Sequence  int // the booking's calendar sequence it was made for
	To        string
	Subject   string
	Body      string
	ICS       string // iCalendar attachment, "" for none
	ICSMethod string // REQUEST or CANCEL
	CreatedAt time.Time
	NextTry   time.Time
	Attempts  int
	SentAt    time.Time // zero while unsent
	// FailedAt is when the message was given up (zero while it may still
	// go out): it cannot be sent, or it was Withdrawn. LastError says why.
	FailedAt  time.Time
	LastError string
}

// Withdrawn is the LastError of a message given up because what it said no
// longer applied when it was due: its booking was cancelled or moved.
const Withdrawn = "withdrawn"

// Withdrawn reports whether m was given up because it no longer applied.
func (m Message) Withdrawn() bool { return !m.FailedAt.IsZero() && m.LastError == Withdrawn }

// enqueue adds a message inside the transaction that causes it, so a
// booking and its confirmation commit together. A message of the same
// kind for the same booking and sequence is added once.
func (tx *Tx) enqueue(ctx context.Context, m Message) (added bool, err error) {
	var booking any
	if m.BookingID != 0 {
		booking = m.BookingID
	}
	res, err := tx.exec(ctx, `INSERT INTO outbox (booking_id, kind, sequence, to_addr, subject, body, ics, ics_method, created_at, next_attempt_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		booking, m.Kind, m.Sequence, m.To, m.Subject, m.Body, m.ICS, m.ICSMethod, millis(tx.now), millis(tx.now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Enqueue adds a message to the outbox on its own, and reports whether it
// was added (false when the same message was queued before).
func (db *DB) Enqueue(ctx context.Context, m Message) (added bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		added, err = tx.enqueue(ctx, m)
		return err
	})
	return added, err
}

// EnqueueAll adds messages to the outbox in one transaction, and returns
// how many were added (a message queued before is not added again).
func (db *DB) EnqueueAll(ctx context.Context, msgs []Message) (added int, err error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		added = 0
		for _, m := range msgs {
			ok, err := tx.enqueue(ctx, m)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

const messageColumns = `id, COALESCE(booking_id, 0), kind, sequence, to_addr, subject, body, ics, ics_method, created_at,
	next_attempt_at, attempts, sent_at, failed_at, last_error`

func scanMessage(row interface{ Scan(...any) error }) (Message, error) {
	var m Message
	var created, next int64
	var sent, failed sql.NullInt64
	err := row.Scan(&m.ID, &m.BookingID, &m.Kind, &m.Sequence, &m.To, &m.Subject, &m.Body, &m.ICS, &m.ICSMethod, &created,
		&next, &m.Attempts, &sent, &failed, &m.LastError)
	m.CreatedAt, m.NextTry = fromMillis(created), fromMillis(next)
	if sent.Valid {
		m.SentAt = fromMillis(sent.Int64)
	}
	if failed.Valid {
		m.FailedAt = fromMillis(failed.Int64)
	}
	return m, err
}

// Claim takes the oldest message that is due, not given up and not
// claimed by another instance, for lease. The conditional update lets exactly one instance
// have it; the lease runs out if that instance dies, and the message is
// tried again. ok is false when nothing is due.
func (db *DB) Claim(ctx context.Context, lease time.Duration) (m Message, ok bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		now := millis(tx.now)
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? AND claimed_until < ?
			ORDER BY next_attempt_at, id LIMIT 1`, now, now).Scan(&id)
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE outbox SET claimed_until = ?, attempts = attempts + 1
			WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND claimed_until < ?`, now+lease.Milliseconds(), id, now)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another instance took it first
		}
		m, err = scanMessage(tx.queryRow(ctx, `SELECT `+messageColumns+` FROM outbox WHERE id = ?`, id))
		ok = err == nil
		return err
	})
	return m, ok, err
}

// MarkSent records that a message went out.
func (db *DB) MarkSent(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE outbox SET sent_at = ?, claimed_until = 0, last_error = '' WHERE id = ?`, millis(tx.now), id)
		return err
	})
}

// MarkFailed records a failed attempt and when to try again.
func (db *DB) MarkFailed(ctx context.Context, id int64, cause string, retryIn time.Duration) error {
	if len(cause) > 500 {
		cause = cause[:500]
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE outbox SET claimed_until = 0, last_error = ?, next_attempt_at = ? WHERE id = ?`,
			cause, millis(tx.now.Add(retryIn)), id)
		return err
	})
}

// GiveUp records that a message will not be sent, and why: it cannot be
// composed, the mail server refused it for good, or it no longer applies
// (cause Withdrawn). The sender claims it no more; staff see it, with its
// cause, in the outbox.
func (db *DB) GiveUp(ctx context.Context, id int64, cause string) error {
	if len(cause) > 500 {
		cause = cause[:500]
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE outbox SET failed_at = ?, claimed_until = 0, last_error = ? WHERE id = ? AND sent_at IS NULL`,
			millis(tx.now), cause, id)
		return err
	})
}

// withdrawSuperseded gives up the messages of booking id not sent yet that
// were made for an earlier sequence of it (a confirmation, a reminder, a
// request to verify the address): a cancellation or a move, which raises
// the sequence, makes what they say wrong.
func (tx *Tx) withdrawSuperseded(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET failed_at = ?, last_error = ?
		WHERE booking_id = ? AND sent_at IS NULL AND failed_at IS NULL AND sequence < (SELECT sequence FROM bookings WHERE id = ?)`,
		millis(tx.now), Withdrawn, id, id)
	return err
}

// OutboxQuery picks messages of the outbox: unsent ones only when Unsent
// is set, older than the message Before when it is not zero, at most Limit.
type OutboxQuery struct {
	Unsent bool
	Before int64
	Limit  int
}

// Outbox lists messages, newest first.
func (db *DB) Outbox(ctx context.Context, f OutboxQuery) ([]Message, error) {
	q := `SELECT ` + messageColumns + ` FROM outbox WHERE id < ?`
	if f.Unsent {
		q += ` AND sent_at IS NULL`
	}
	before := f.Before
	if before <= 0 {
		before = math.MaxInt64
	}
	rows, err := db.reader().query(ctx, q+` ORDER BY id DESC LIMIT ?`, before, f.Limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
