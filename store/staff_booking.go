package store

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
)

// Bookings lists every booking, in any state, of a mission's services
// whose appointment starts in [from, to), ordered by time: a day sheet.
func (db *DB) Bookings(ctx context.Context, missionID string, from, to time.Time) ([]booking.Booking, error) {
	return db.bookingsWhere(ctx, `s.mission_id = ? AND sl.starts_at >= ? AND sl.starts_at < ?`, missionID, millis(from), millis(to))
}

// attendance is what the audit log keeps of a check-in: no personal data.
type attendance struct {
	Reference string
	Status    booking.Status
}

// MarkAttendance records that the holder of a confirmed booking came
// (CheckedIn) or did not (NoShow). The conditional update changes only a
// confirmed booking, so two staff members marking the same booking at once
// change it once; the change is audited.
func (db *DB) MarkAttendance(ctx context.Context, who Actor, reference string, status booking.Status) (booking.Booking, error) {
	if status != booking.CheckedIn && status != booking.NoShow {
		return booking.Booking{}, chancery.Errorf(chancery.EINVALID, "error.attendance_invalid")
	}
	return db.changeAttendance(ctx, who, "booking.attendance", reference, booking.Confirmed, status,
		chancery.Errorf(chancery.ECONFLICT, "error.attendance_not_confirmed", "Reference", reference))
}

// heldPlaces is what the audit log keeps of a hold.
type heldPlaces struct {
	Start time.Time
	Held  int
}

// HoldPlaces sets how many places of one slot staff hold back (for walk-ins
// or telephone bookings); 0 releases them all. The slot row is created as a
// booking creates it, and the conditional update refuses to hold more than
// the places nobody has booked. The change is audited.
func (db *DB) HoldPlaces(ctx context.Context, who Actor, svc booking.Service, slot booking.Slot, held int) (booking.Slot, error) {
	if held < 0 || held > 1000 {
		return slot, chancery.Errorf(chancery.EINVALID, "error.hold_invalid")
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		start := millis(slot.Start)
		if err := tx.ensureSlot(ctx, svc, slot); err != nil {
			return err
		}
		var before int
		if err := tx.queryRow(ctx, `SELECT held FROM slots WHERE service_id = ? AND starts_at = ?`, svc.ID, start).Scan(&before); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE slots SET held = ? WHERE service_id = ? AND starts_at = ? AND ? + booked <= capacity`,
			held, svc.ID, start, held)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.hold_too_many")
		}
		err = tx.queryRow(ctx, `SELECT capacity, held, booked FROM slots WHERE service_id = ? AND starts_at = ?`, svc.ID, start).
			Scan(&slot.Capacity, &slot.Held, &slot.Booked)
		if err != nil {
			return err
		}
		return tx.audit(ctx, who, "slot.hold", "service", svc.ID, heldPlaces{slot.Start.UTC(), before}, heldPlaces{slot.Start.UTC(), held})
	})
	return slot, err
}

// heldDay is what the audit log keeps of a hold over a whole day.
type heldDay struct {
	Day    string
	Held   int
	Capped int `json:"capped_slots"` // slots too booked to hold that many
}

// HoldDay holds back held places in every slot of a day at once (0
// releases them all), in one transaction: each slot holds as many as its
// unbooked places allow, by the same kind of conditional update as a
// booking, never fewer than it could. It returns how many slots could not
// hold the full number. The change is audited once.
func (db *DB) HoldDay(ctx context.Context, who Actor, svc booking.Service, day string, slots []booking.Slot, held int) (capped int, err error) {
	if held < 0 || held > 1000 {
		return 0, chancery.Errorf(chancery.EINVALID, "error.hold_invalid")
	}
	if len(slots) == 0 {
		return 0, chancery.Errorf(chancery.EINVALID, "error.hold_no_slots", "Day", day)
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		capped = 0 // afresh if the transaction runs again
		for _, sl := range slots {
			start := millis(sl.Start)
			if err := tx.ensureSlot(ctx, svc, sl); err != nil {
				return err
			}
			var got int
			if err := tx.queryRow(ctx, `UPDATE slots SET held = CASE WHEN ? + booked <= capacity THEN ? ELSE capacity - booked END
				WHERE service_id = ? AND starts_at = ? RETURNING held`, held, held, svc.ID, start).Scan(&got); err != nil {
				return err
			}
			if got < held {
				capped++
			}
		}
		return tx.audit(ctx, who, "slot.hold_day", "service", svc.ID, nil, heldDay{day, held, capped})
	})
	return capped, err
}

// Closure is a day a mission is closed beyond its holidays.
type Closure struct {
	MissionID string
	Day       string // YYYY-MM-DD in the mission's calendar
	Reason    string
}

// Closures lists a mission's closures by day.
func (db *DB) Closures(ctx context.Context, missionID string) ([]Closure, error) {
	rows, err := db.reader().query(ctx, `SELECT day, reason FROM closures WHERE mission_id = ? ORDER BY day`, missionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Closure
	for rows.Next() {
		c := Closure{MissionID: missionID}
		if err := rows.Scan(&c.Day, &c.Reason); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddClosure closes a mission on a day and audits it. The day then has no
// slots (MissionCalendar reads the closures; the audit raises the data
// revision, which refreshes the cached calendar). Appointments already
// booked that day are cancelled in the same transaction when notify is
// given, each with the messages notify gives (its cancellation); without
// notify a day with appointments is refused, so nobody is left booked on a
// closed day unawares. It returns how many bookings it cancelled.
func (db *DB) AddClosure(ctx context.Context, who Actor, c Closure, notify func(booking.Booking) ([]Message, error)) (int, error) {
	c.Reason = strings.TrimSpace(c.Reason)
	d, err := calendar.ParseDate(strings.TrimSpace(c.Day))
	errs := []error{chancery.AtField("day", err)}
	if c.Reason == "" || utf8.RuneCountInString(c.Reason) > 200 {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.closure_reason", "Field", "reason"))
	}
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	c.Day = d.String()
	cancelled := 0
	err = db.inTx(ctx, func(tx *Tx) error {
		cancelled = 0 // afresh if the transaction runs again
		if err := tx.requireMission(ctx, c.MissionID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `INSERT INTO closures (mission_id, day, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			c.MissionID, c.Day, c.Reason)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.closure_exists", "Day", c.Day)
		}
		booked, err := listBookings(ctx, tx, `s.mission_id = ? AND b.day = ? AND b.status IN ('pending', 'confirmed')`, c.MissionID, c.Day)
		if err != nil {
			return err
		}
		if len(booked) > 0 && notify == nil {
			return chancery.Errorf(chancery.ECONFLICT, "error.closure_has_bookings", "Day", c.Day, "Count", len(booked))
		}
		for _, b := range booked {
			ok, err := tx.cancel(ctx, b, booking.ByClosure, `status IN ('pending', 'confirmed')`)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if b, err = findBooking(ctx, tx, b.Reference); err != nil {
				return err
			}
			if err := tx.notify(ctx, b, notify); err != nil {
				return err
			}
			cancelled++
		}
		return tx.audit(ctx, who, "closure.create", "mission", c.MissionID, nil, closureAudit{c, cancelled})
	})
	return cancelled, err
}

// closureAudit is what the audit log keeps of a closure: the day, why, and
// how many appointments it cancelled.
type closureAudit struct {
	Closure
	CancelledBookings int `json:"cancelled_bookings"`
}

// DeleteClosure reopens a day closed in error and audits it.
func (db *DB) DeleteClosure(ctx context.Context, who Actor, missionID, day string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		c := Closure{MissionID: missionID, Day: day}
		err := tx.queryRow(ctx, `SELECT reason FROM closures WHERE mission_id = ? AND day = ?`, missionID, day).Scan(&c.Reason)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.closure_not_found", "Day", day)
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM closures WHERE mission_id = ? AND day = ?`, missionID, day); err != nil {
			return err
		}
		return tx.audit(ctx, who, "closure.delete", "mission", missionID, c, nil)
	})
}

// OutboxMessage returns one message of the outbox.
func (db *DB) OutboxMessage(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(db.reader().queryRow(ctx, `SELECT `+messageColumns+` FROM outbox WHERE id = ?`, id))
	if isNoRows(err) {
		return m, chancery.Errorf(chancery.ENOTFOUND, "error.message_not_found")
	}
	return m, err
}

// Releases lists a service's lottery releases, the latest slot first.
func (db *DB) Releases(ctx context.Context, serviceID string) ([]Release, error) {
	rows, err := db.reader().query(ctx, `SELECT id FROM releases WHERE service_id = ? ORDER BY starts_at DESC, id DESC LIMIT 100`, serviceID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Release, 0, len(ids))
	for _, id := range ids {
		r, err := findRelease(ctx, db.reader(), id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
