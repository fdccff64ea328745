package store

import (
	"context"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
)

// Usage reads what limits a service's bookings from day from to day to
// of the mission's calendar: the places held and booked in its slots and
// the bookings counted against its daily quota, in two indexed reads, and,
// for a service in lottery mode, the slots only its undrawn releases give
// out, in a third.
func (db *DB) Usage(ctx context.Context, svc booking.Service, cal calendar.Calendar, from, to calendar.Date) (booking.Usage, error) {
	serviceID := svc.ID
	slots, err := db.SlotUsage(ctx, serviceID, from.In(cal.Zone), to.AddDays(1).In(cal.Zone))
	if err != nil {
		return booking.Usage{}, err
	}
	lotteryOnly, err := db.LotteryOnlyStarts(ctx, svc, from.In(cal.Zone), to.AddDays(1).In(cal.Zone))
	if err != nil {
		return booking.Usage{}, err
	}
	u := booking.Usage{Slots: slots, Days: map[calendar.Date]booking.Day{}, LotteryOnly: lotteryOnly}
	rows, err := db.reader().query(ctx, `SELECT day, quota, booked FROM service_days WHERE service_id = ? AND day >= ? AND day <= ?`,
		serviceID, from.String(), to.String())
	if err != nil {
		return u, err
	}
	defer rows.Close()
	for rows.Next() {
		var day string
		var d booking.Day
		if err := rows.Scan(&day, &d.Quota, &d.Booked); err != nil {
			return u, err
		}
		date, err := calendar.ParseDate(day)
		if err != nil {
			return u, err
		}
		u.Days[date] = d
	}
	return u, rows.Err()
}

// Revisions are the data revision (see Revision: services, calendars,
// closures, everything audited) and the availability revision, which
// grows with every change of a slot's places or a day's booking count in
// the change's transaction (triggers on slots and service_days raise it,
// whichever code writes). Together they key caches of availability: a
// listing read after them is at least as new as they are, on every
// instance.
type Revisions struct {
	Data, Availability int64
}

// Revisions reads both revisions at once. Concurrent callers share a read
// (sharedReads: each still gets a read that began after it came), on
// SQLite too: under a release's refreshes one read answers many requests
// of the slots listing, which otherwise reads them once a request.
func (db *DB) Revisions(ctx context.Context) (Revisions, error) {
	return db.revisionsReads.do(ctx, db.readRevisions)
}

func (db *DB) readRevisions(ctx context.Context) (Revisions, error) {
	var r Revisions
	err := db.reader().queryRow(ctx, `SELECT d.n, a.n FROM data_revision d, availability_revision a WHERE d.id = 1 AND a.id = 1`).
		Scan(&r.Data, &r.Availability)
	return r, err
}
