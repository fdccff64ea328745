package store

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/dataset"
)

// MissionCalendar assembles a mission's calendar: its time zone, office
// hours, the countries whose holidays close it, its closures, and the
// official holiday schedules imported so far.
//
// The result is kept per mission and data revision: every change to hours,
// closures, observed calendars or schedules is audited and so raises the
// revision, which makes the next call read afresh on every instance. The
// calendar's maps are shared between callers and must not be modified.
func (db *DB) MissionCalendar(ctx context.Context, missionID string) (calendar.Calendar, error) {
	rev, err := db.Revision(ctx)
	if err != nil {
		return calendar.Calendar{}, err
	}
	return db.MissionCalendarAt(ctx, rev, missionID)
}

// MissionCalendarAt is MissionCalendar for a caller that read the data
// revision rev already, before this call.
func (db *DB) MissionCalendarAt(ctx context.Context, rev int64, missionID string) (calendar.Calendar, error) {
	if c, ok := db.calendars.Load(missionID); ok && c.(cachedCalendar).rev == rev {
		return c.(cachedCalendar).cal, nil
	}
	cal, err := db.missionCalendar(ctx, missionID)
	if err == nil {
		db.calendars.Store(missionID, cachedCalendar{rev: rev, cal: cal})
	}
	return cal, err
}

type cachedCalendar struct {
	rev int64
	cal calendar.Calendar
}

func (db *DB) missionCalendar(ctx context.Context, missionID string) (calendar.Calendar, error) {
	q := db.reader()
	var tz string
	if err := q.queryRow(ctx, `SELECT time_zone FROM missions WHERE id = ?`, missionID).Scan(&tz); err != nil {
		if isNoRows(err) {
			return calendar.Calendar{}, chancery.Errorf(chancery.ENOTFOUND, "error.mission_not_found", "ID", missionID)
		}
		return calendar.Calendar{}, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return calendar.Calendar{}, err
	}
	cal := calendar.Calendar{Zone: loc, Hours: map[time.Weekday][]calendar.Interval{}, Closures: map[calendar.Date]string{}}
	rows, err := q.query(ctx, `SELECT weekday, opens, closes FROM office_hours WHERE mission_id = ? ORDER BY weekday, opens`, missionID)
	if err != nil {
		return cal, err
	}
	for rows.Next() {
		var wd int
		var iv calendar.Interval
		if err := rows.Scan(&wd, &iv.Start, &iv.End); err != nil {
			rows.Close()
			return cal, err
		}
		cal.Hours[time.Weekday(wd)] = append(cal.Hours[time.Weekday(wd)], iv)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return cal, err
	}
	rows, err = q.query(ctx, `SELECT country FROM observed_calendars WHERE mission_id = ? ORDER BY country`, missionID)
	if err != nil {
		return cal, err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return cal, err
		}
		cal.Observe = append(cal.Observe, c)
	}
	rows.Close()
	rows, err = q.query(ctx, `SELECT day, reason FROM closures WHERE mission_id = ?`, missionID)
	if err != nil {
		return cal, err
	}
	for rows.Next() {
		var day, reason string
		if err := rows.Scan(&day, &reason); err != nil {
			rows.Close()
			return cal, err
		}
		if d, err := calendar.ParseDate(day); err == nil {
			cal.Closures[d] = reason
		}
	}
	rows.Close()
	cal.Schedules, err = db.Schedules(ctx)
	return cal, err
}

// Schedules returns the official holiday schedules imported so far.
func (db *DB) Schedules(ctx context.Context) ([]calendar.Schedule, error) {
	q := db.reader()
	rows, err := q.query(ctx, `SELECT s.country, s.year, s.source, h.day, h.kind, h.name FROM holiday_schedules s
		LEFT JOIN holidays h ON h.country = s.country AND h.year = s.year ORDER BY s.country, s.year, h.day`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []calendar.Schedule
	for rows.Next() {
		var country, source string
		var year int
		var day, kind, name *string
		if err := rows.Scan(&country, &year, &source, &day, &kind, &name); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Country != country || out[len(out)-1].Year != year {
			out = append(out, calendar.Schedule{Country: country, Year: year, Source: source})
		}
		if day == nil {
			continue
		}
		d, err := calendar.ParseDate(*day)
		if err != nil {
			return nil, err
		}
		s := &out[len(out)-1]
		s.Days = append(s.Days, calendar.Holiday{Country: country, Date: d, Kind: calendar.Kind(*kind), Name: *name, Source: source})
	}
	return out, rows.Err()
}

// ImportSchedules stores official holiday schedules, each replacing any
// earlier one of its country and year, in one transaction, and reports how
// many schedules changed. Importing the same file twice changes nothing.
func (db *DB) ImportSchedules(ctx context.Context, who Actor, schedules []calendar.Schedule) (changed int, err error) {
	existing, err := db.Schedules(ctx)
	if err != nil {
		return 0, err
	}
	old := map[[2]any]calendar.Schedule{}
	for _, s := range existing {
		old[[2]any{s.Country, s.Year}] = s
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		changed = 0 // afresh if the transaction runs again
		for _, s := range schedules {
			before, had := old[[2]any{s.Country, s.Year}]
			if had && sameSchedule(before, s) {
				continue
			}
			if _, err := tx.exec(ctx, `DELETE FROM holiday_schedules WHERE country = ? AND year = ?`, s.Country, s.Year); err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO holiday_schedules (country, year, source) VALUES (?, ?, ?)`, s.Country, s.Year, s.Source); err != nil {
				return err
			}
			for _, h := range s.Days {
				if _, err := tx.exec(ctx, `INSERT INTO holidays (country, year, day, kind, name) VALUES (?, ?, ?, ?, ?)`,
					s.Country, s.Year, h.Date.String(), string(h.Kind), h.Name); err != nil {
					return err
				}
			}
			var b any
			if had {
				b = before
			}
			if err := tx.audit(ctx, who, "schedule.import", "holiday_schedule", s.Country+"-"+strconv.Itoa(s.Year), b, s); err != nil {
				return err
			}
			changed++
		}
		return nil
	})
	if err != nil {
		changed = 0
	}
	return changed, err
}

func sameSchedule(a, b calendar.Schedule) bool {
	if a.Country != b.Country || a.Year != b.Year || a.Source != b.Source || len(a.Days) != len(b.Days) {
		return false
	}
	days := map[calendar.Date]calendar.Holiday{}
	for _, h := range a.Days {
		days[h.Date] = h
	}
	for _, h := range b.Days {
		o, ok := days[h.Date]
		if !ok || o.Kind != h.Kind || o.Name != h.Name {
			return false
		}
	}
	return true
}

// syncAppointments makes a mission's office hours, observed calendars and
// services the file's. Services the file no longer lists are deactivated,
// not deleted, so their bookings keep their history.
func (tx *Tx) syncAppointments(ctx context.Context, who Actor, m dataset.Mission, rep *ImportReport) error {
	a := m.Appointments
	if a == nil {
		return nil
	}
	type hoursRow struct {
		Weekday     int
		Opens, Ends string
	}
	var want []hoursRow
	for wd, ivs := range a.Hours {
		for _, iv := range ivs {
			want = append(want, hoursRow{int(wd), iv.Start, iv.End})
		}
	}
	sort.Slice(want, func(i, j int) bool {
		return want[i].Weekday < want[j].Weekday || want[i].Weekday == want[j].Weekday && want[i].Opens < want[j].Opens
	})
	rows, err := tx.query(ctx, `SELECT weekday, opens, closes FROM office_hours WHERE mission_id = ? ORDER BY weekday, opens`, m.ID)
	if err != nil {
		return err
	}
	var have []hoursRow
	for rows.Next() {
		var h hoursRow
		if err := rows.Scan(&h.Weekday, &h.Opens, &h.Ends); err != nil {
			rows.Close()
			return err
		}
		have = append(have, h)
	}
	rows.Close()
	if !slices.Equal(have, want) {
		if _, err := tx.exec(ctx, `DELETE FROM office_hours WHERE mission_id = ?`, m.ID); err != nil {
			return err
		}
		for _, h := range want {
			if _, err := tx.exec(ctx, `INSERT INTO office_hours (mission_id, weekday, opens, closes) VALUES (?, ?, ?, ?)`,
				m.ID, h.Weekday, h.Opens, h.Ends); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, who, "office_hours.update", "mission", m.ID, have, want); err != nil {
			return err
		}
		rep.Updated++
	} else {
		rep.Unchanged++
	}

	var observed []string
	rows, err = tx.query(ctx, `SELECT country FROM observed_calendars WHERE mission_id = ? ORDER BY country`, m.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		observed = append(observed, c)
	}
	rows.Close()
	wantObserved := slices.Sorted(slices.Values(a.Observe))
	if !slices.Equal(observed, wantObserved) {
		if _, err := tx.exec(ctx, `DELETE FROM observed_calendars WHERE mission_id = ?`, m.ID); err != nil {
			return err
		}
		for _, c := range wantObserved {
			if _, err := tx.exec(ctx, `INSERT INTO observed_calendars (mission_id, country) VALUES (?, ?)`, m.ID, c); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, who, "observed_calendars.update", "mission", m.ID, observed, wantObserved); err != nil {
			return err
		}
		rep.Updated++
	} else {
		rep.Unchanged++
	}

	listed := map[string]bool{}
	for _, s := range a.Services {
		listed[s.ID] = true
		c, err := tx.saveService(ctx, who, s)
		if err != nil {
			return err
		}
		rep.count(c)
	}
	rows, err = tx.query(ctx, `SELECT `+serviceColumns+` FROM services WHERE mission_id = ? AND active = ?`, m.ID, true)
	if err != nil {
		return err
	}
	var stale []booking.Service
	for rows.Next() {
		s, err := scanService(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if !listed[s.ID] {
			stale = append(stale, s)
		}
	}
	rows.Close()
	for _, s := range stale {
		off := s
		off.Active = false
		if _, err := tx.saveService(ctx, who, off); err != nil {
			return err
		}
		rep.Updated++
	}
	return nil
}
