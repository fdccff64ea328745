package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
)

// Release is a lottery release of one slot of a service.
type Release struct {
	ID        int64
	ServiceID string
	Start     time.Time // the slot released
	End       time.Time
	Opens     time.Time // requests are taken from Opens until Closes
	Closes    time.Time
	Seed      string    // set by the draw
	DrawnAt   time.Time // zero until drawn
}

// ReleaseStats are a release's figures for staff.
type ReleaseStats struct {
	Requests    int // every request, repeats included
	Identities  int // distinct people whose address is confirmed: those the draw counts
	Allocated   int // places given by the draw
	Unallocated int // places of the slot left free after the draw (or all of them before it)
}

// CreateRelease opens a lottery release for a slot of a lottery-mode
// service and audits it.
func (db *DB) CreateRelease(ctx context.Context, who Actor, r Release) (Release, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		svc, err := scanService(tx.queryRow(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, r.ServiceID))
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.service_not_found", "ID", r.ServiceID)
		}
		if err != nil {
			return err
		}
		if svc.Mode != booking.Lottery {
			return chancery.Errorf(chancery.EINVALID, "error.release_not_lottery", "ID", svc.ID)
		}
		if !r.Closes.After(r.Opens) || r.Start.Before(r.Closes) {
			return chancery.Errorf(chancery.EINVALID, "error.release_times_invalid", "Field", "closes")
		}
		err = tx.queryRow(ctx, `INSERT INTO releases (service_id, starts_at, ends_at, opens_at, closes_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, r.ServiceID, millis(r.Start), millis(r.End), millis(r.Opens), millis(r.Closes),
			millis(tx.now)).Scan(&r.ID)
		if err != nil {
			return err
		}
		return tx.audit(ctx, who, "release.create", "release", r.ServiceID, nil, r)
	})
	return r, err
}

func findRelease(ctx context.Context, q queryer, id int64) (Release, error) {
	var r Release
	var start, end, opens, closes int64
	var drawn sql.NullInt64
	err := q.queryRow(ctx, `SELECT id, service_id, starts_at, ends_at, opens_at, closes_at, seed, drawn_at FROM releases WHERE id = ?`, id).
		Scan(&r.ID, &r.ServiceID, &start, &end, &opens, &closes, &r.Seed, &drawn)
	if isNoRows(err) {
		return r, chancery.Errorf(chancery.ENOTFOUND, "error.release_not_found")
	}
	r.Start, r.End, r.Opens, r.Closes = fromMillis(start), fromMillis(end), fromMillis(opens), fromMillis(closes)
	if drawn.Valid {
		r.DrawnAt = fromMillis(drawn.Int64)
	}
	return r, err
}

// Release returns a release with its statistics.
func (db *DB) Release(ctx context.Context, id int64) (Release, ReleaseStats, error) {
	r, err := findRelease(ctx, db.reader(), id)
	if err != nil {
		return r, ReleaseStats{}, err
	}
	var st ReleaseStats
	err = db.reader().queryRow(ctx, `SELECT COUNT(*), COUNT(DISTINCT CASE WHEN verified_at IS NOT NULL THEN identity END), COALESCE(SUM(CASE WHEN outcome = 'won' THEN 1 ELSE 0 END), 0)
		FROM release_requests WHERE release_id = ?`, id).Scan(&st.Requests, &st.Identities, &st.Allocated)
	if err != nil {
		return r, st, err
	}
	usage, err := db.SlotUsage(ctx, r.ServiceID, r.Start, r.End)
	if err != nil {
		return r, st, err
	}
	if u, ok := usage[r.Start.UnixMilli()]; ok {
		st.Unallocated = u.Available()
	} else if svc, err := db.Service(ctx, r.ServiceID); err == nil {
		st.Unallocated = svc.Capacity
	}
	return r, st, nil
}

// Entry is a request for a place in a release, as RequestPlace records it.
type Entry struct {
	Applicant  booking.Applicant
	VerifyHash string // hash of the code mailed to the applicant's address
	// Notify gives the message that carries the code (it names the
	// request's id), queued in the request's transaction.
	Notify func(requestID int64) ([]Message, error)
}

// RequestPlace records a request in an open release and queues the mail
// asking its applicant to confirm the address. Requests outside the window
// are refused; a request counts in the draw only once confirmed
// (VerifyRequest), and one person's repeats are kept but count once.
func (db *DB) RequestPlace(ctx context.Context, releaseID int64, in Entry) (requestID int64, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		r, err := findRelease(ctx, tx, releaseID)
		if err != nil {
			return err
		}
		if !releaseOpen(r, tx.now) {
			return chancery.Errorf(chancery.ECONFLICT, "error.release_closed")
		}
		a := in.Applicant
		err = tx.queryRow(ctx, `INSERT INTO release_requests (release_id, identity, name, email, phone, passport, lang, created_at, verify_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, releaseID, booking.NormalizeEmail(a.Email), a.Name, a.Email, a.Phone,
			a.Passport, a.Lang, millis(tx.now), in.VerifyHash).Scan(&requestID)
		if err != nil || in.Notify == nil {
			return err
		}
		msgs, err := in.Notify(requestID)
		if err != nil {
			return err
		}
		return tx.enqueueEach(ctx, msgs)
	})
	return requestID, err
}

// releaseOpen reports whether r takes requests at now.
func releaseOpen(r Release, now time.Time) bool {
	return !now.Before(r.Opens) && now.Before(r.Closes) && r.DrawnAt.IsZero()
}

// VerifyRequest confirms the address of a request in a release for whoever
// holds the code mailed to it, while the release is open: from then on the
// request counts in the draw. A person has one confirmed request per
// release, however their address is spelled; confirming another is
// booking.ErrAlreadyEntered, and confirming the same one again is harmless.
// A wrong code and an unknown request get the same answer.
func (db *DB) VerifyRequest(ctx context.Context, releaseID, requestID int64, code string) error {
	err := db.inTx(ctx, func(tx *Tx) error {
		var identity, hash string
		var verified sql.NullInt64
		err := tx.queryRow(ctx, `SELECT identity, verify_hash, verified_at FROM release_requests WHERE id = ? AND release_id = ?`,
			requestID, releaseID).Scan(&identity, &hash, &verified)
		if isNoRows(err) || (err == nil && (hash == "" || !booking.TokenMatches(hash, code))) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.release_request_not_found")
		}
		if err != nil || verified.Valid {
			return err
		}
		r, err := findRelease(ctx, tx, releaseID)
		if err != nil {
			return err
		}
		if !releaseOpen(r, tx.now) {
			return chancery.Errorf(chancery.ECONFLICT, "error.release_closed")
		}
		// The unique index release_requests_one_per_person keeps the
		// promise under concurrency; this condition answers the common
		// case without an error from the database.
		res, err := tx.exec(ctx, `UPDATE release_requests SET verified_at = ? WHERE id = ? AND verified_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM release_requests o WHERE o.release_id = ? AND o.identity = ? AND o.verified_at IS NOT NULL)`,
			millis(tx.now), requestID, releaseID, identity)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return booking.ErrAlreadyEntered
		}
		return nil
	})
	if isUniqueViolation(err) {
		return booking.ErrAlreadyEntered
	}
	return err
}

// Winner is what the caller supplies for each winner of a draw: the
// booking's reference and token hash, and the messages it sends.
type Winner func(a booking.Applicant) (reference, tokenHash string, notify func(booking.Booking) ([]Message, error))

// Draw closes a release and allocates its places in one transaction: the
// seed is recorded first (a release is drawn once: a second draw is a
// conflict), the requests are ordered by booking.Draw, and each winner in
// turn books the slot under the same constraints as any booking, until the
// slot is full; a person who already holds a booking for the service is
// passed over. Everyone else is marked lost. The draw is audited.
func (db *DB) Draw(ctx context.Context, who Actor, releaseID int64, seed string, winner Winner) (ReleaseStats, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		r, err := findRelease(ctx, tx, releaseID)
		if err != nil {
			return err
		}
		if tx.now.Before(r.Closes) {
			return chancery.Errorf(chancery.ECONFLICT, "error.release_still_open")
		}
		res, err := tx.exec(ctx, `UPDATE releases SET seed = ?, drawn_at = ? WHERE id = ? AND drawn_at IS NULL`, seed, millis(tx.now), releaseID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.release_drawn")
		}
		svc, err := scanService(tx.queryRow(ctx, `SELECT `+serviceColumns+` FROM services WHERE id = ?`, r.ServiceID))
		if err != nil {
			return err
		}
		// Only requests whose address was confirmed are drawn; the others
		// lose.
		if _, err := tx.exec(ctx, `UPDATE release_requests SET outcome = 'lost' WHERE release_id = ? AND verified_at IS NULL`, releaseID); err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT id, identity, name, email, phone, passport, lang FROM release_requests
			WHERE release_id = ? AND verified_at IS NOT NULL ORDER BY id`, releaseID)
		if err != nil {
			return err
		}
		applicants := map[int64]booking.Applicant{}
		var entries []booking.Entry
		for rows.Next() {
			var e booking.Entry
			var a booking.Applicant
			if err := rows.Scan(&e.ID, &e.Identity, &a.Name, &a.Email, &a.Phone, &a.Passport, &a.Lang); err != nil {
				rows.Close()
				return err
			}
			applicants[e.ID] = a
			entries = append(entries, e)
		}
		rows.Close()
		var tz string
		if err := tx.queryRow(ctx, `SELECT time_zone FROM missions WHERE id = ?`, svc.MissionID).Scan(&tz); err != nil {
			return err
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return err
		}
		day := r.Start.In(loc).Format(time.DateOnly)
		order, repeats := booking.Draw(seed, entries, len(entries))
		for _, e := range repeats { // a person's second and later requests
			if _, err := tx.exec(ctx, `UPDATE release_requests SET outcome = 'lost' WHERE id = ?`, e.ID); err != nil {
				return err
			}
		}
		full := false
		for _, e := range order {
			outcome, ref := "lost", ""
			if !full {
				reference, hash, notify := winner(applicants[e.ID])
				// In a savepoint: a winner passed over (a booking of the
				// service already) gives back the place it took.
				var b booking.Booking
				err := tx.savepoint(ctx, func() (err error) {
					b, err = tx.book(ctx, BookInput{Service: svc, Slot: booking.Slot{ServiceID: svc.ID, Start: r.Start, End: r.End},
						Day: day, Applicant: applicants[e.ID], Reference: reference,
						TokenHash: hash, Status: booking.Confirmed})
					return err
				})
				switch {
				case err == nil:
					outcome, ref = "won", b.Reference
					if err := tx.notify(ctx, b, notify); err != nil {
						return err
					}
				case errors.Is(err, booking.ErrSlotFull) || errors.Is(err, booking.ErrDayFull):
					full = true
				case errors.Is(err, booking.ErrAlreadyBooked):
				default:
					return err
				}
			}
			if _, err := tx.exec(ctx, `UPDATE release_requests SET outcome = ?, reference = ? WHERE id = ?`, outcome, ref, e.ID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, who, "release.draw", "release", r.ServiceID, nil, map[string]any{"release": releaseID, "seed": seed})
	})
	if err != nil {
		return ReleaseStats{}, err
	}
	_, st, err := db.Release(ctx, releaseID)
	return st, err
}

// DueReleases lists releases whose window has closed and that are not drawn.
func (db *DB) DueReleases(ctx context.Context) ([]int64, error) {
	rows, err := db.reader().query(ctx, `SELECT id FROM releases WHERE drawn_at IS NULL AND closes_at <= ? ORDER BY id`, millis(db.Now()))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
