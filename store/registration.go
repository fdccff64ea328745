package store

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
)

// RegisterInput is a registration to make: the event, the person, and the
// secrets the caller generated.
type RegisterInput struct {
	EventID    string
	Registrant events.Registrant // normalized and valid
	Reference  string
	TokenHash  string

	// IdempotencyKey, when set, makes the registration happen at most
	// once per key: RequestHash identifies the request, and Render gives
	// the answer stored with the key in the same transaction.
	IdempotencyKey string
	RequestHash    string
	Render         func(events.Registration) (status int, body []byte, err error)

	// Notify gives the messages the registration sends; Limits are the
	// rate limits it counts against, per LimitWindow, as for bookings.
	Notify      RegistrationNotify
	Limits      []Limit
	LimitWindow time.Duration
}

// Register makes a registration in one transaction. The database keeps
// every promise: a conditional update takes a place only while places
// taken < capacity and nobody waits (else, with a waiting list, a place
// in line), and only while registration is open by its settings and the
// transaction's clock; a unique index lets one person hold one active
// registration per event; an idempotency key's primary key lets a retried
// request register nothing more (its first answer comes back as a
// *Replay). A full event without a waiting list, closed registration or
// a second registration get ECONFLICT errors.
func (db *DB) Register(ctx context.Context, in RegisterInput) (r events.Registration, replay *Replay, err error) {
	replay, err = db.idempotentWrite(ctx, in.IdempotencyKey, in.RequestHash, in.Limits, in.LimitWindow, func(ctx context.Context, tx *Tx) error {
		var err error
		r, err = tx.registerOnce(ctx, in)
		return err
	})
	if err != nil || replay != nil {
		return events.Registration{}, replay, err
	}
	return r, nil, nil
}

func (tx *Tx) registerOnce(ctx context.Context, in RegisterInput) (events.Registration, error) {
	r, err := tx.register(ctx, in)
	if err != nil {
		return r, err
	}
	if err := tx.notifyRegistration(ctx, in.Notify, events.Joined, r); err != nil {
		return r, err
	}
	if in.IdempotencyKey == "" {
		return r, nil
	}
	status, body, err := in.Render(r)
	if err != nil {
		return r, err
	}
	return r, tx.storeAnswer(ctx, in.IdempotencyKey, in.RequestHash, status, body)
}

// takeEventPlace takes a place of the event, or else a place on its
// waiting list, by conditional updates of the event's counters that hold
// only while registration is open at the transaction's time. It returns
// the status the registration gets and its position.
func (tx *Tx) takeEventPlace(ctx context.Context, eventID string) (events.Status, int, error) {
	now := millis(tx.now)
	open := `event_id = ? AND is_open = ? AND opens_at <= ? AND closes_at > ? AND starts_at > ?`
	args := []any{eventID, true, now, now, now}
	var pos int
	err := tx.queryRow(ctx, `UPDATE event_registrations SET registered = registered + 1, next_position = next_position + 1
		WHERE `+open+` AND registered < capacity AND waiting = 0 RETURNING next_position`, args...).Scan(&pos)
	if err == nil {
		return events.Registered, pos, nil
	}
	if !isNoRows(err) {
		return "", 0, err
	}
	err = tx.queryRow(ctx, `UPDATE event_registrations SET waiting = waiting + 1, next_position = next_position + 1
		WHERE `+open+` AND waitlist = ? RETURNING next_position`, append(args, true)...).Scan(&pos)
	if err == nil {
		return events.Waitlisted, pos, nil
	}
	if !isNoRows(err) {
		return "", 0, err
	}
	// Refused: say why, from the settings as they are now.
	e, err := findEvent(ctx, tx, eventID)
	if err != nil {
		return "", 0, err
	}
	if err := e.Accepting(tx.now); err != nil {
		return "", 0, err
	}
	return "", 0, events.ErrFull
}

func (tx *Tx) register(ctx context.Context, in RegisterInput) (events.Registration, error) {
	status, pos, err := tx.takeEventPlace(ctx, in.EventID)
	if err != nil {
		return events.Registration{}, err
	}
	p := in.Registrant
	var id int64
	err = tx.queryRow(ctx, `INSERT INTO registrations (reference, event_id, status, position, name, email, email_norm, lang,
		token_hash, sequence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`, in.Reference, in.EventID, string(status), pos, p.Name, p.Email,
		booking.NormalizeEmail(p.Email), p.Lang, in.TokenHash, millis(tx.now), millis(tx.now)).Scan(&id)
	if isNoRows(err) {
		return events.Registration{}, events.ErrAlreadyRegistered
	}
	if err != nil {
		return events.Registration{}, err
	}
	at := fromMillis(millis(tx.now))
	return events.Registration{ID: id, Reference: in.Reference, EventID: in.EventID, Status: status, Position: pos,
		Registrant: p, CreatedAt: at, UpdatedAt: at}, nil
}

const registrationColumns = `id, reference, event_id, status, position, name, email, lang, sequence, created_at, updated_at, token_hash`

func scanRegistration(row interface{ Scan(...any) error }) (events.Registration, string, error) {
	var r events.Registration
	var status, hash string
	var created, updated int64
	err := row.Scan(&r.ID, &r.Reference, &r.EventID, &status, &r.Position, &r.Name, &r.Email, &r.Lang, &r.Sequence,
		&created, &updated, &hash)
	r.Status, r.CreatedAt, r.UpdatedAt = events.Status(status), fromMillis(created), fromMillis(updated)
	return r, hash, err
}

func findRegistrationByID(ctx context.Context, q queryer, id int64) (events.Registration, error) {
	r, _, err := scanRegistration(q.queryRow(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE id = ?`, id))
	return r, err
}

// findRegistration reads a registration by reference; with check set, only
// for whoever holds its token. A wrong token and an unknown reference get
// the same answer, so the answer does not tell which references exist.
func findRegistration(ctx context.Context, q queryer, reference, token string, check bool) (events.Registration, error) {
	r, hash, err := scanRegistration(q.queryRow(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE reference = ?`, reference))
	if isNoRows(err) || (err == nil && check && !booking.TokenMatches(hash, token)) {
		return events.Registration{}, chancery.Errorf(chancery.ENOTFOUND, "error.registration_not_found")
	}
	return r, err
}

// RegistrationByToken returns a registration to whoever holds its
// manage-link token.
func (db *DB) RegistrationByToken(ctx context.Context, reference, token string) (events.Registration, error) {
	return findRegistration(ctx, db.reader(), reference, token, true)
}

// WaitingAhead is how many people wait before a waitlisted registration.
func (db *DB) WaitingAhead(ctx context.Context, r events.Registration) (int, error) {
	var n int
	err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM registrations WHERE event_id = ? AND status = 'waitlisted' AND position < ?`,
		r.EventID, r.Position).Scan(&n)
	return n, err
}

// Registrations lists an event's registrations in order of arrival.
func (db *DB) Registrations(ctx context.Context, eventID string) ([]events.Registration, error) {
	rows, err := db.reader().query(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE event_id = ? ORDER BY position`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []events.Registration
	for rows.Next() {
		r, _, err := scanRegistration(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
