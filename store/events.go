package store

import (
	"context"
	"encoding/json"
	"reflect"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
)

// RegistrationNotify gives the messages a change to a registration sends
// (a confirmation, a promotion, a cancellation); they enter the outbox in
// the transaction of the change.
type RegistrationNotify func(events.Change, events.Registration) ([]Message, error)

const eventColumns = `event_id, mission_id, starts_at, ends_at, venue, capacity, registered, waiting, waitlist,
	opens_at, closes_at, is_open, description, agenda, arrival`

func scanEvent(row interface{ Scan(...any) error }) (events.Event, error) {
	var e events.Event
	var start, end, opens, closes int64
	var venue, description, agenda, arrival string
	err := row.Scan(&e.ID, &e.MissionID, &start, &end, &venue, &e.Capacity, &e.Registered, &e.Waiting, &e.Waitlist,
		&opens, &closes, &e.Open, &description, &agenda, &arrival)
	if err != nil {
		return e, err
	}
	e.Start, e.End, e.Opens, e.Closes = fromMillis(start), fromMillis(end), fromMillis(opens), fromMillis(closes)
	for _, t := range []struct {
		stored string
		into   *mission.Text
	}{{venue, &e.Venue}, {description, &e.Description}, {agenda, &e.Agenda}, {arrival, &e.Arrival}} {
		*t.into = mission.Text{}
		if err := json.Unmarshal([]byte(t.stored), t.into); err != nil {
			return e, err
		}
	}
	return e, nil
}

func findEvent(ctx context.Context, q queryer, id string) (events.Event, error) {
	e, err := scanEvent(q.queryRow(ctx, `SELECT `+eventColumns+` FROM event_registrations WHERE event_id = ?`, id))
	if isNoRows(err) {
		return e, events.ErrNotFound.With("ID", id)
	}
	return e, err
}

// EventRegistration returns the registration settings of a record event,
// with its places taken and people waiting; ENOTFOUND when the event takes
// no registration.
func (db *DB) EventRegistration(ctx context.Context, id string) (events.Event, error) {
	return findEvent(ctx, db.reader(), id)
}

// EventRegistrations lists every event that has registration settings,
// open or closed, by start.
func (db *DB) EventRegistrations(ctx context.Context) ([]events.Event, error) {
	rows, err := db.reader().query(ctx, `SELECT `+eventColumns+` FROM event_registrations ORDER BY starts_at, event_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []events.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SaveEventRegistration creates or changes the registration settings of
// a record event and audits the change. Capacity never drops below the
// places taken; a capacity raised gives the new places to the waiting
// list, in order, in the same transaction, each promotion with what
// notify gives.
func (db *DB) SaveEventRegistration(ctx context.Context, who Actor, e events.Event, notify RegistrationNotify) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := e.Validate(); err != nil {
			return err
		}
		// As stored, so that settings saved again compare equal.
		e.Start, e.End, e.Opens, e.Closes = fromMillis(millis(e.Start)), fromMillis(millis(e.End)),
			fromMillis(millis(e.Opens)), fromMillis(millis(e.Closes))
		if err := tx.requireMission(ctx, e.MissionID); err != nil {
			return err
		}
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM coop_records WHERE kind = ? AND id = ?`, cooperation.KindEvent, e.ID).Scan(&one)
		if isNoRows(err) {
			return events.ErrNotFound.With("ID", e.ID)
		}
		if err != nil {
			return err
		}
		// Lock the event's row first, as every registration write does.
		res, err := tx.exec(ctx, `UPDATE event_registrations SET updated_at = ? WHERE event_id = ?`, millis(tx.now), e.ID)
		if err != nil {
			return err
		}
		exists := false
		if n, _ := res.RowsAffected(); n == 1 {
			exists = true
		}
		for _, t := range []*mission.Text{&e.Venue, &e.Description, &e.Agenda, &e.Arrival} {
			if *t == nil {
				*t = mission.Text{} // as read back, so that an unchanged event compares equal
			}
		}
		var before events.Event
		if exists {
			if before, err = findEvent(ctx, tx, e.ID); err != nil {
				return err
			}
			e.Registered, e.Waiting = before.Registered, before.Waiting
			if reflect.DeepEqual(before, e) {
				return nil
			}
			if e.Capacity < before.Registered {
				return chancery.Errorf(chancery.EINVALID, "error.event_capacity_below_registered", "Field", "capacity",
					"Registered", before.Registered)
			}
		}
		texts := make([]string, 4)
		for i, t := range []mission.Text{e.Venue, e.Description, e.Agenda, e.Arrival} {
			b, _ := json.Marshal(t)
			texts[i] = string(b)
		}
		args := []any{e.MissionID, millis(e.Start), millis(e.End), texts[0], e.Capacity, e.Waitlist, millis(e.Opens),
			millis(e.Closes), e.Open, texts[1], texts[2], texts[3], millis(tx.now), e.ID}
		if exists {
			_, err = tx.exec(ctx, `UPDATE event_registrations SET mission_id = ?, starts_at = ?, ends_at = ?, venue = ?, capacity = ?,
				waitlist = ?, opens_at = ?, closes_at = ?, is_open = ?, description = ?, agenda = ?, arrival = ?, updated_at = ?
				WHERE event_id = ?`, args...)
		} else {
			_, err = tx.exec(ctx, `INSERT INTO event_registrations (mission_id, starts_at, ends_at, venue, capacity, waitlist,
				opens_at, closes_at, is_open, description, agenda, arrival, updated_at, event_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		}
		if err != nil {
			return err
		}
		changed = true
		if exists && (!before.Start.Equal(e.Start) || !before.End.Equal(e.End) || !reflect.DeepEqual(before.Venue, e.Venue)) {
			if err := tx.announceMove(ctx, e.ID, notify); err != nil {
				return err
			}
		}
		if exists && e.Capacity > before.Capacity {
			if err := tx.promote(ctx, e.ID, notify); err != nil {
				return err
			}
		}
		if !exists {
			return tx.audit(ctx, who, "event_registration.create", "event_registration", e.ID, nil, e)
		}
		return tx.audit(ctx, who, "event_registration.update", "event_registration", e.ID, before, e)
	})
	return changed, err
}

// promote gives free places of an event to the first people on its
// waiting list, in order, while places are free; the caller holds the
// event's row. Each promotion is mailed in the same transaction.
func (tx *Tx) promote(ctx context.Context, eventID string, notify RegistrationNotify) error {
	for {
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM registrations WHERE event_id = ? AND status = 'waitlisted'
			ORDER BY position LIMIT 1`, eventID).Scan(&id)
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE event_registrations SET registered = registered + 1, waiting = waiting - 1
			WHERE event_id = ? AND registered < capacity`, eventID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // no place free
		}
		res, err = tx.exec(ctx, `UPDATE registrations SET status = 'registered', sequence = sequence + 1, updated_at = ?
			WHERE id = ? AND status = 'waitlisted'`, millis(tx.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.EINTERNAL, "error.internal", "Detail", "waiting registration changed under the event's lock")
		}
		r, err := findRegistrationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.notifyRegistration(ctx, notify, events.Promoted, r); err != nil {
			return err
		}
	}
}

// announceMove tells everyone registered or waiting that the event's time
// or venue changed: their calendar entries get a new sequence, and notify
// says what each is sent.
func (tx *Tx) announceMove(ctx context.Context, eventID string, notify RegistrationNotify) error {
	rows, err := tx.query(ctx, `SELECT id FROM registrations WHERE event_id = ? AND status IN ('registered', 'waitlisted', 'checked_in')
		ORDER BY position`, eventID)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE registrations SET sequence = sequence + 1, updated_at = ? WHERE id = ?`, millis(tx.now), id); err != nil {
			return err
		}
		r, err := findRegistrationByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.notifyRegistration(ctx, notify, events.Moved, r); err != nil {
			return err
		}
	}
	return nil
}

// notifyRegistration enqueues what notify says a change sends.
func (tx *Tx) notifyRegistration(ctx context.Context, notify RegistrationNotify, c events.Change, r events.Registration) error {
	if notify == nil {
		return nil
	}
	msgs, err := notify(c, r)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if _, err := tx.enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
