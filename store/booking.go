package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

const serviceColumns = `id, mission_id, name, duration_min, capacity, window_days, min_notice_hours, daily_quota,
	needs_passport, verify_email, mode, active, position, description, documents, processing_time, fee`

func scanService(row interface{ Scan(...any) error }) (booking.Service, error) {
	var s booking.Service
	var name, description, documents, processing, fee string
	var mode string
	err := row.Scan(&s.ID, &s.MissionID, &name, &s.Duration, &s.Capacity, &s.WindowDays, &s.MinNotice, &s.DailyQuota,
		&s.NeedsPassport, &s.VerifyEmail, &mode, &s.Active, &s.Position, &description, &documents, &processing, &fee)
	if err != nil {
		return s, err
	}
	s.Mode = booking.Mode(mode)
	s.Name = mission.Text{}
	if err := json.Unmarshal([]byte(name), &s.Name); err != nil {
		return s, err
	}
	if err := scanCatalogue(&s.Catalogue, description, documents, processing, fee); err != nil {
		return s, err
	}
	return s, nil
}

// Services lists a mission's services in their order, active or not.
func (db *DB) Services(ctx context.Context, missionID string) ([]booking.Service, error) {
	rows, err := db.reader().query(ctx, `SELECT `+serviceColumns+` FROM services WHERE mission_id = ? ORDER BY position, id`, missionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Service returns one service. A service read is kept per data revision
// (every change of a service is audited, which raises it), so the pages
// and the API that read it on every request read the revision only.
func (db *DB) Service(ctx context.Context, id string) (booking.Service, error) {
	rev, err := db.Revision(ctx)
	if err != nil {
		return booking.Service{}, err
	}
	return db.ServiceAt(ctx, rev, id)
}

// ServiceAt is Service for a caller that read the data revision rev
// already, before this call.
func (db *DB) ServiceAt(ctx context.Context, rev int64, id string) (booking.Service, error) {
	if c, ok := db.services.Load(id); ok && c.(cachedService).rev == rev {
		return c.(cachedService).svc, nil
	}
	s, err := scanService(db.reader().queryRow(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, id))
	if isNoRows(err) {
		return s, chancery.Errorf(chancery.ENOTFOUND, "error.service_not_found", "ID", id)
	}
	if err == nil {
		db.services.Store(id, cachedService{rev: rev, svc: s})
	}
	return s, err
}

type cachedService struct {
	rev int64
	svc booking.Service
}

// SlotUsage returns the places held and booked in a service's slots that
// start in [from, to), keyed by start time in Unix milliseconds. Slots
// nobody has touched have no row and are not in the map.
func (db *DB) SlotUsage(ctx context.Context, serviceID string, from, to time.Time) (map[int64]booking.Slot, error) {
	rows, err := db.reader().query(ctx, `SELECT starts_at, ends_at, capacity, held, booked FROM slots
		WHERE service_id = ? AND starts_at >= ? AND starts_at < ?`, serviceID, millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]booking.Slot{}
	for rows.Next() {
		var start, end int64
		s := booking.Slot{ServiceID: serviceID}
		if err := rows.Scan(&start, &end, &s.Capacity, &s.Held, &s.Booked); err != nil {
			return nil, err
		}
		s.Start, s.End = fromMillis(start), fromMillis(end)
		out[start] = s
	}
	return out, rows.Err()
}

// BookInput is a booking to make: a slot that booking.Offered allowed, the
// applicant, and the secrets the caller generated.
type BookInput struct {
	Service   booking.Service
	Slot      booking.Slot
	Day       string // the slot's day in the mission's time zone, for the daily quota
	Applicant booking.Applicant
	Reference string
	TokenHash string
	Status    booking.Status // Confirmed, or Pending until the email is verified
	// VerifyHash is the hash of the code mailed to a pending booking's
	// applicant, and VerifyBy when its place goes back unless confirmed.
	VerifyHash string
	VerifyBy   time.Time

	// IdempotencyKey, when set, makes the booking happen at most once per
	// key: RequestHash identifies the request, and Render gives the answer
	// stored with the key in the same transaction.
	IdempotencyKey string
	RequestHash    string
	Render         func(booking.Booking) (status int, body []byte, err error)

	// Notify, when set, gives the messages the booking sends (its
	// confirmation); they enter the outbox in the booking's transaction.
	Notify func(booking.Booking) ([]Message, error)

	// Limits, when set, are the rate limits the request counts against,
	// in the booking's transaction, per LimitWindow.
	Limits      []Limit
	LimitWindow time.Duration
}

// notify enqueues what fn says a booking sends.
func (tx *Tx) notify(ctx context.Context, b booking.Booking, fn func(booking.Booking) ([]Message, error)) error {
	if fn == nil {
		return nil
	}
	msgs, err := fn(b)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		m.BookingID = b.ID
		if _, err := tx.enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// Replay is the stored first answer to a request retried with the same
// Idempotency-Key.
type Replay struct {
	Status int
	Body   []byte
}

// errReplayRace is returned inside the booking transaction when a
// concurrent request with the same idempotency key committed first.
var errReplayRace = errors.New("idempotency key taken concurrently")

// Book makes a booking in one transaction. The database keeps every
// promise: a conditional update takes a place only while held + booked <
// capacity (and the day's quota allows), a unique index lets one person
// hold one active booking per service, and the idempotency key's primary
// key lets a retried request book nothing more. A request that loses a
// race gets an ECONFLICT error; a retried request gets its first answer
// as a *Replay.
//
// With Limits, the request's attempt is counted against them in the same
// transaction, before anything else, and stays counted whatever the
// booking's outcome; a request over a limit gets an ERATELIMIT error and
// changes nothing else. The transaction may be shared with other
// requests' (see inBatch), each in its own savepoint.
func (db *DB) Book(ctx context.Context, in BookInput) (b booking.Booking, replay *Replay, err error) {
	replay, err = db.idempotentWrite(ctx, in.IdempotencyKey, in.RequestHash, in.Limits, in.LimitWindow, func(ctx context.Context, tx *Tx) error {
		var err error
		b, err = tx.bookOnce(ctx, in)
		return err
	})
	if err != nil || replay != nil {
		return booking.Booking{}, replay, err
	}
	return b, nil, nil
}

// idempotentWrite runs write as Book runs a booking: in a transaction
// that may be shared (inBatch), after counting the attempt against limits
// per window (over a limit: ERATELIMIT, and write does not run), in a
// savepoint of its own, so that a write refused for its own reasons
// undoes its part and reports the refusal without failing the others.
// With an idempotency key, the answer stored for it (see storedAnswer) is
// looked up first: a retry gets it back as a *Replay, counted against no
// limit, and write does not run. A write that meets a concurrent one with
// the same key (an ECONFLICT, or errReplayRace) runs once more,
// uncounted: on PostgreSQL it then waits for the other and reads its
// stored answer. write may run more than once and must set its results
// afresh each time.
func (db *DB) idempotentWrite(ctx context.Context, key, requestHash string, limits []Limit, window time.Duration, write func(ctx context.Context, tx *Tx) error) (*Replay, error) {
	for attempt := 0; ; attempt++ {
		replay, err := db.limitedWrite(ctx, key, requestHash, limits, window, write)
		if attempt == 0 && key != "" && (errors.Is(err, errReplayRace) || chancery.ErrorCode(err) == chancery.ECONFLICT) {
			limits = nil // the attempt was counted already
			continue
		}
		return replay, err
	}
}

// limitedWrite is one attempt of idempotentWrite.
func (db *DB) limitedWrite(ctx context.Context, key, requestHash string, limits []Limit, window time.Duration, write func(ctx context.Context, tx *Tx) error) (*Replay, error) {
	var outcome error
	var replay *Replay
	err := db.inBatch(ctx, func(ctx context.Context, tx *Tx) error {
		outcome, replay = nil, nil
		if key != "" {
			// A replay is answered before any limit counts it.
			var err error
			replay, err = tx.storedAnswer(ctx, key, requestHash)
			if chancery.ErrorCode(err) == chancery.ECONFLICT {
				outcome = err
				return nil
			}
			if err != nil || replay != nil {
				return err
			}
		}
		if len(limits) > 0 {
			ok, retry, err := tx.hitAll(ctx, limits, window)
			if err != nil {
				return err
			}
			if !ok {
				outcome = chancery.TooMany("error.booking_rate_limited", retry)
				return nil
			}
		}
		// The attempt stays counted when the write is refused, except
		// against a person's limits when the slot or day is full. Any
		// other failure (a deadlock, say) fails the transaction.
		outcome = tx.savepoint(ctx, func() error { return write(ctx, tx) })
		if chancery.ErrorCode(outcome) == chancery.EINTERNAL && !errors.Is(outcome, errReplayRace) {
			return outcome
		}
		if errors.Is(outcome, booking.ErrSlotFull) || errors.Is(outcome, booking.ErrDayFull) {
			return tx.uncount(ctx, limits, window)
		}
		return nil
	})
	if err == nil {
		err = outcome
	}
	if err != nil {
		return nil, err
	}
	return replay, nil
}

// bookOnce makes the booking of in in tx and stores the answer to its
// idempotency key.
func (tx *Tx) bookOnce(ctx context.Context, in BookInput) (booking.Booking, error) {
	if err := tx.refuseLotteryOnly(ctx, in.Service, in.Slot.Start); err != nil {
		return booking.Booking{}, err
	}
	b, err := tx.book(ctx, in)
	if err != nil {
		return b, err
	}
	if err := tx.notify(ctx, b, in.Notify); err != nil {
		return b, err
	}
	if in.IdempotencyKey == "" {
		return b, nil
	}
	status, body, err := in.Render(b)
	if err != nil {
		return b, err
	}
	return b, tx.storeAnswer(ctx, in.IdempotencyKey, in.RequestHash, status, body)
}

func (tx *Tx) book(ctx context.Context, in BookInput) (booking.Booking, error) {
	svc, a := in.Service, in.Applicant
	place, err := tx.takePlace(ctx, svc, in.Slot)
	if err != nil {
		return booking.Booking{}, err
	}
	if err := tx.takeDayQuota(ctx, svc, in.Day); err != nil {
		return booking.Booking{}, err
	}
	email := booking.NormalizeEmail(a.Email)
	var verifyBy int64
	if in.Status == booking.Pending {
		verifyBy = millis(in.VerifyBy)
	}
	var id int64
	err = tx.queryRow(ctx, `INSERT INTO bookings (reference, service_id, slot_id, status, name, email, email_norm, phone, passport,
		day, lang, token_hash, verify_hash, verify_by, sequence, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`, in.Reference, svc.ID, place.id, string(in.Status), a.Name, a.Email, email, a.Phone,
		a.Passport, in.Day, a.Lang, in.TokenHash, in.VerifyHash, verifyBy, millis(tx.now), millis(tx.now)).Scan(&id)
	if isNoRows(err) {
		return booking.Booking{}, booking.ErrAlreadyBooked
	}
	if err != nil {
		return booking.Booking{}, err
	}
	// The booking as findBooking would read it back: everything it holds
	// was just written, in this transaction.
	at := fromMillis(millis(tx.now))
	b := booking.Booking{ID: id, Reference: in.Reference, ServiceID: svc.ID, MissionID: svc.MissionID, SlotID: place.id,
		Start: place.start, End: place.end, Status: in.Status,
		Applicant: booking.Applicant{Name: a.Name, Email: a.Email, Phone: a.Phone, Passport: a.Passport, Lang: a.Lang},
		CreatedAt: at, UpdatedAt: at}
	if verifyBy > 0 {
		b.VerifyBy = fromMillis(verifyBy)
	}
	return b, nil
}

// place is the slot a booking took a place in, as stored.
type place struct {
	id         int64
	start, end time.Time
}

// takePlace takes one place in a slot, creating its row on first use: the
// conditional update succeeds only while held + booked < capacity, so
// concurrent bookings can never overbook it.
func (tx *Tx) takePlace(ctx context.Context, svc booking.Service, slot booking.Slot) (place, error) {
	start := millis(slot.Start)
	take := func() (place, error) {
		var p place
		var from, to int64
		err := tx.queryRow(ctx, `UPDATE slots SET booked = booked + 1
			WHERE service_id = ? AND starts_at = ? AND held + booked < capacity RETURNING id, starts_at, ends_at`,
			svc.ID, start).Scan(&p.id, &from, &to)
		p.start, p.end = fromMillis(from), fromMillis(to)
		return p, err
	}
	p, err := take()
	if !isNoRows(err) {
		return p, err
	}
	// No row yet, or the slot is full.
	if err := tx.ensureSlot(ctx, svc, slot); err != nil {
		return place{}, err
	}
	p, err = take()
	if isNoRows(err) {
		return place{}, booking.ErrSlotFull
	}
	return p, err
}

// ensureSlot creates the row of a slot, with the service's capacity, if it
// has none yet: rows are made on first use, so that a slot nobody has
// booked or held costs nothing.
func (tx *Tx) ensureSlot(ctx context.Context, svc booking.Service, slot booking.Slot) error {
	_, err := tx.exec(ctx, `INSERT INTO slots (service_id, starts_at, ends_at, capacity) VALUES (?, ?, ?, ?)
		ON CONFLICT (service_id, starts_at) DO NOTHING`, svc.ID, millis(slot.Start), millis(slot.End), svc.Capacity)
	return err
}

// takeDayQuota counts one booking against the service's daily quota, if it
// has one, with the same kind of conditional update.
func (tx *Tx) takeDayQuota(ctx context.Context, svc booking.Service, day string) error {
	if svc.DailyQuota <= 0 {
		return nil
	}
	if _, err := tx.exec(ctx, `INSERT INTO service_days (service_id, day, quota) VALUES (?, ?, ?)
		ON CONFLICT (service_id, day) DO NOTHING`, svc.ID, day, svc.DailyQuota); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE service_days SET booked = booked + 1
		WHERE service_id = ? AND day = ? AND booked < quota`, svc.ID, day)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return booking.ErrDayFull.With("Day", day)
	}
	return nil
}

const bookingColumns = `b.id, b.reference, b.service_id, s.mission_id, b.slot_id, sl.starts_at, sl.ends_at, b.status,
	b.name, b.email, b.phone, b.passport, b.lang, b.sequence, b.created_at, b.updated_at, b.verify_by, b.cancel_reason, b.token_hash`

func findBooking(ctx context.Context, q queryer, reference string) (booking.Booking, error) {
	b, _, err := findBookingWithToken(ctx, q, reference)
	return b, err
}

func findBookingWithToken(ctx context.Context, q queryer, reference string) (booking.Booking, string, error) {
	b, tokenHash, err := scanBooking(q.queryRow(ctx, `SELECT `+bookingColumns+` FROM bookings b JOIN services s ON s.id = b.service_id
		JOIN slots sl ON sl.id = b.slot_id WHERE b.reference = ?`, reference))
	if isNoRows(err) {
		return b, "", chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
	}
	return b, tokenHash, err
}

// scanBooking reads one row of bookingColumns: the booking and its token hash.
func scanBooking(row interface{ Scan(...any) error }) (booking.Booking, string, error) {
	var b booking.Booking
	var status, reason, tokenHash string
	var start, end, created, updated, verifyBy int64
	err := row.Scan(&b.ID, &b.Reference, &b.ServiceID, &b.MissionID, &b.SlotID, &start, &end, &status, &b.Applicant.Name,
		&b.Applicant.Email, &b.Applicant.Phone, &b.Applicant.Passport, &b.Applicant.Lang, &b.Sequence, &created, &updated,
		&verifyBy, &reason, &tokenHash)
	b.Status, b.CancelReason = booking.Status(status), booking.CancelReason(reason)
	b.Start, b.End, b.CreatedAt, b.UpdatedAt = fromMillis(start), fromMillis(end), fromMillis(created), fromMillis(updated)
	if verifyBy > 0 {
		b.VerifyBy = fromMillis(verifyBy)
	}
	return b, tokenHash, err
}

// BookingByToken returns a booking to whoever holds its manage-link token.
// A wrong token and an unknown reference get the same answer, so the
// answer does not tell which references exist.
func (db *DB) BookingByToken(ctx context.Context, reference, token string) (booking.Booking, error) {
	b, hash, err := findBookingWithToken(ctx, db.reader(), reference)
	if chancery.ErrorCode(err) == chancery.ENOTFOUND || (err == nil && !booking.TokenMatches(hash, token)) {
		return booking.Booking{}, chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
	}
	return b, err
}

// CancelBooking cancels an active booking for whoever holds its token and
// gives its place back, in one transaction. Cancelling twice is harmless:
// the second call finds the booking already cancelled and returns it.
func (db *DB) CancelBooking(ctx context.Context, reference, token string) (booking.Booking, error) {
	return db.CancelBookingWith(ctx, reference, token, nil)
}

// CancelBookingWith is CancelBooking that also enqueues the messages notify
// gives for the cancelled booking (its cancellation), in the same
// transaction. A repeated cancel sends nothing more.
func (db *DB) CancelBookingWith(ctx context.Context, reference, token string, notify func(booking.Booking) ([]Message, error)) (booking.Booking, error) {
	var b booking.Booking
	err := db.inTx(ctx, func(tx *Tx) error {
		var hash string
		var err error
		b, hash, err = findBookingWithToken(ctx, tx, reference)
		if chancery.ErrorCode(err) == chancery.ENOTFOUND || (err == nil && !booking.TokenMatches(hash, token)) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
		}
		if err != nil {
			return err
		}
		ok, err := tx.cancel(ctx, b, booking.ByHolder, `status IN ('pending', 'confirmed')`)
		if err != nil {
			return err
		}
		if !ok {
			if b.Status == booking.Cancelled {
				return nil
			}
			return chancery.Errorf(chancery.ECONFLICT, "error.booking_not_cancellable")
		}
		if b, err = findBooking(ctx, tx, reference); err != nil {
			return err
		}
		return tx.notify(ctx, b, notify)
	})
	return b, err
}

// cancel ends a booking for a reason, if its row still meets cond, gives
// its place in the slot and its day's quota back, and withdraws its mail
// not sent yet (a pending reminder, say). Every way a booking is
// cancelled (its holder, a closed day, an unconfirmed address) goes
// through here. It reports
// whether the booking was cancelled.
func (tx *Tx) cancel(ctx context.Context, b booking.Booking, why booking.CancelReason, cond string, args ...any) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE bookings SET status = 'cancelled', cancel_reason = ?, sequence = sequence + 1, updated_at = ?
		WHERE id = ? AND `+cond, append([]any{string(why), millis(tx.now), b.ID}, args...)...)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if err := tx.withdrawSuperseded(ctx, b.ID); err != nil {
		return false, err
	}
	if _, err := tx.exec(ctx, `UPDATE slots SET booked = booked - 1 WHERE id = ?`, b.SlotID); err != nil {
		return false, err
	}
	if _, err := tx.exec(ctx, `UPDATE service_days SET booked = booked - 1
		WHERE service_id = ? AND booked > 0 AND day = (SELECT day FROM bookings WHERE id = ?)`, b.ServiceID, b.ID); err != nil {
		return false, err
	}
	return true, nil
}

// SaveService creates or updates a service and audits the change. A
// capacity change applies to slots nobody has touched yet and to touched
// slots as far as their bookings allow (a slot never drops below what is
// held and booked in it).
func (db *DB) SaveService(ctx context.Context, who Actor, s booking.Service) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.saveService(ctx, who, s)
		changed = c != unchanged
		return err
	})
	return changed, err
}

func (tx *Tx) saveService(ctx context.Context, who Actor, s booking.Service) (change, error) {
	s.Catalogue = s.Catalogue.Clean()
	if err := s.Validate(); err != nil {
		return unchanged, err
	}
	if err := tx.requireMission(ctx, s.MissionID); err != nil {
		return unchanged, err
	}
	before, err := scanService(tx.queryRow(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, s.ID))
	exists := err == nil
	if err != nil && !isNoRows(err) {
		return unchanged, err
	}
	if exists && before.MissionID != s.MissionID {
		return unchanged, chancery.Errorf(chancery.ECONFLICT, "error.service_other_mission", "ID", s.ID)
	}
	if exists && sameService(before, s) {
		return unchanged, nil
	}
	name, _ := json.Marshal(s.Name)
	cat, err := tx.catalogueColumns(ctx, s.Catalogue)
	if err != nil {
		return unchanged, err
	}
	if exists {
		_, err = tx.exec(ctx, `UPDATE services SET name = ?, duration_min = ?, capacity = ?, window_days = ?, min_notice_hours = ?,
			daily_quota = ?, needs_passport = ?, verify_email = ?, mode = ?, active = ?, position = ?,
			description = ?, documents = ?, processing_time = ?, fee = ? WHERE id = ?`,
			string(name), s.Duration, s.Capacity, s.WindowDays, s.MinNotice, s.DailyQuota, s.NeedsPassport, s.VerifyEmail,
			string(s.Mode), s.Active, s.Position, cat[0], cat[1], cat[2], cat[3], s.ID)
	} else {
		_, err = tx.exec(ctx, `INSERT INTO services (`+serviceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			s.ID, s.MissionID, string(name), s.Duration, s.Capacity, s.WindowDays, s.MinNotice, s.DailyQuota, s.NeedsPassport,
			s.VerifyEmail, string(s.Mode), s.Active, s.Position, cat[0], cat[1], cat[2], cat[3])
	}
	if err != nil {
		return unchanged, err
	}
	if exists && before.Capacity != s.Capacity {
		if _, err := tx.exec(ctx, `UPDATE slots SET capacity = CASE WHEN held + booked > ? THEN held + booked ELSE ? END
			WHERE service_id = ? AND starts_at > ?`, s.Capacity, s.Capacity, s.ID, millis(tx.now)); err != nil {
			return unchanged, err
		}
	}
	if !exists {
		return created, tx.audit(ctx, who, "service.create", "service", s.ID, nil, s)
	}
	return updated, tx.audit(ctx, who, "service.update", "service", s.ID, before, s)
}

func sameService(a, b booking.Service) bool {
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	return string(aj) == string(bj)
}

// ConfirmedBetween lists confirmed bookings whose appointment starts in
// [from, to), for reminders and day sheets.
func (db *DB) ConfirmedBetween(ctx context.Context, from, to time.Time) ([]booking.Booking, error) {
	return db.bookingsWhere(ctx, `b.status = 'confirmed' AND sl.starts_at >= ? AND sl.starts_at < ?`, millis(from), millis(to))
}

// Unreminded lists the confirmed bookings starting from from until to
// that have no reminder queued for their current time yet, ordered by
// time: a reminder job reads only the bookings it may still have to
// remind, instead of writing again for each one every run.
func (db *DB) Unreminded(ctx context.Context, from, to time.Time) ([]booking.Booking, error) {
	return db.bookingsWhere(ctx, `b.status = 'confirmed' AND sl.starts_at >= ? AND sl.starts_at < ?
		AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id AND o.kind = 'reminder' AND o.sequence = b.sequence)`,
		millis(from), millis(to))
}

// bookingsWhere lists the bookings matching a condition on bookings b,
// services s and slots sl, ordered by time, in one query.
func (db *DB) bookingsWhere(ctx context.Context, cond string, args ...any) ([]booking.Booking, error) {
	return listBookings(ctx, db.reader(), cond, args...)
}

// listBookings is bookingsWhere on any connection, a transaction included.
func listBookings(ctx context.Context, q queryer, cond string, args ...any) ([]booking.Booking, error) {
	rows, err := q.query(ctx, `SELECT `+bookingColumns+` FROM bookings b JOIN services s ON s.id = b.service_id
		JOIN slots sl ON sl.id = b.slot_id WHERE `+cond+` ORDER BY sl.starts_at, s.position, b.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.Booking
	for rows.Next() {
		b, _, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BookingOf returns the booking a message of the outbox is about, as it
// stands now, so the sender can tell whether the message still applies.
func (db *DB) BookingOf(ctx context.Context, m Message) (booking.Booking, error) {
	got, err := db.bookingsWhere(ctx, `b.id = ?`, m.BookingID)
	if err != nil {
		return booking.Booking{}, err
	}
	if len(got) == 0 {
		return booking.Booking{}, chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
	}
	return got[0], nil
}

// RescheduleInput moves a booking to another slot of its service.
type RescheduleInput struct {
	Reference, Token string
	Service          booking.Service
	Slot             booking.Slot // from booking.Offered
	Day              string       // the new slot's day in the mission's time zone
	Notify           func(booking.Booking) ([]Message, error)
}

// Reschedule moves an active booking to another slot in one transaction:
// it takes a place in the new slot under the same conditions as a new
// booking, gives the old place back and raises the booking's sequence, so
// calendars replace the old event (same UID) with the new one.
func (db *DB) Reschedule(ctx context.Context, in RescheduleInput) (booking.Booking, error) {
	var b booking.Booking
	err := db.inTx(ctx, func(tx *Tx) error {
		var hash string
		var err error
		b, hash, err = findBookingWithToken(ctx, tx, in.Reference)
		if chancery.ErrorCode(err) == chancery.ENOTFOUND || (err == nil && !booking.TokenMatches(hash, in.Token)) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
		}
		if err != nil {
			return err
		}
		if !b.Status.Holds() {
			return chancery.Errorf(chancery.ECONFLICT, "error.booking_not_reschedulable")
		}
		if b.ServiceID != in.Service.ID {
			return chancery.Errorf(chancery.EINVALID, "error.service_not_found", "ID", in.Service.ID)
		}
		if b.Start.Equal(in.Slot.Start) {
			return nil // already there
		}
		svc := in.Service
		if err := tx.refuseLotteryOnly(ctx, svc, in.Slot.Start); err != nil {
			return err
		}
		place, err := tx.takePlace(ctx, svc, in.Slot)
		if err != nil {
			return err
		}
		var oldDay string
		if err := tx.queryRow(ctx, `SELECT day FROM bookings WHERE id = ?`, b.ID).Scan(&oldDay); err != nil {
			return err
		}
		if oldDay != in.Day {
			if err := tx.takeDayQuota(ctx, svc, in.Day); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE service_days SET booked = booked - 1 WHERE service_id = ? AND day = ? AND booked > 0`, svc.ID, oldDay); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, `UPDATE slots SET booked = booked - 1 WHERE id = ?`, b.SlotID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE bookings SET slot_id = ?, day = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?`,
			place.id, in.Day, millis(tx.now), b.ID); err != nil {
			return err
		}
		if err := tx.withdrawSuperseded(ctx, b.ID); err != nil {
			return err
		}
		if b, err = findBooking(ctx, tx, in.Reference); err != nil {
			return err
		}
		return tx.notify(ctx, b, in.Notify)
	})
	return b, err
}
