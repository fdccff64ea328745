package ui

import (
	"context"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
)

// FrontDoor is what a person needs to reach a mission: its office hours as
// its calendar keeps them, and where to book an appointment and a visa.
type FrontDoor struct {
	// Hours are the office hours from the mission's calendar, weekdays
	// with the same hours together; none when the calendar keeps no hours.
	Hours []HoursRow
	// Book is the mission's booking page, "" when it takes no
	// appointments online.
	Book string
	// Visa is the start page of the mission's visa service ("Before you
	// start": documents, fee, then the times), "" when it has none.
	Visa string
}

// HoursRow is one line of office hours: the first and last weekday of a
// run of days with the same hours (the same day when alone), and the hours.
type HoursRow struct {
	From, To  time.Weekday
	Intervals []calendar.Interval
}

// weekOrder is the week as a mission's office hours are read: Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// hoursRows groups a calendar's weekly hours into runs of days with the
// same hours, Monday first; days without hours end a run and are left out.
func hoursRows(hours map[time.Weekday][]calendar.Interval) []HoursRow {
	var rows []HoursRow
	for i, d := range weekOrder {
		ivs := hours[d]
		if len(ivs) == 0 {
			continue
		}
		if n := len(rows); n > 0 && i > 0 && rows[n-1].To == weekOrder[i-1] && slices.Equal(rows[n-1].Intervals, ivs) {
			rows[n-1].To = d
			continue
		}
		rows = append(rows, HoursRow{From: d, To: d, Intervals: ivs})
	}
	return rows
}

// isVisaService reports whether a service is a mission's visa service: by
// the dataset's convention, its id is "visa" or ends in "-visa" (cq-visa).
func isVisaService(svc booking.Service) bool {
	return svc.ID == "visa" || strings.HasSuffix(svc.ID, "-visa")
}

// FrontDoorOf reads the front door of mission m: its calendar's hours and
// its active services.
func (s *Server) FrontDoorOf(ctx context.Context, m mission.Mission) (FrontDoor, error) {
	var fd FrontDoor
	cal, err := s.DB.MissionCalendar(ctx, m.ID)
	if err != nil {
		return fd, err
	}
	fd.Hours = hoursRows(cal.Hours)
	svcs, err := s.DB.Services(ctx, m.ID)
	if err != nil {
		return fd, err
	}
	for _, svc := range svcs {
		if !svc.Active {
			continue
		}
		fd.Book = "/missions/" + m.ID + "/book"
		if fd.Visa == "" && isVisaService(svc) {
			fd.Visa = "/missions/" + m.ID + "/services/" + svc.ID
		}
	}
	return fd, nil
}

// HoursLine writes one line of office hours in the reader's language:
// "Monday – Friday: 09:00–12:00, 14:00–17:00".
func (v *View) HoursLine(row HoursRow) string {
	days := v.T("booking.weekday." + row.From.String())
	if row.To != row.From {
		days = v.T("frontdoor.day_range", "From", days, "To", v.T("booking.weekday."+row.To.String()))
	}
	times := make([]string, len(row.Intervals))
	for i, iv := range row.Intervals {
		times[i] = iv.Start + "–" + iv.End
	}
	return v.T("frontdoor.hours_line", "Days", days, "Times", strings.Join(times, v.T("frontdoor.times_sep")))
}

// MissionDoor is a mission with its front door, what the "mission-door"
// partial shows.
type MissionDoor struct {
	Mission mission.Mission
	Door    FrontDoor
	// Suggested is true when the mission is only suggested: no source
	// describes a district that holds the person's province.
	Suggested bool
}

// TelURL is a tel: link to a phone number as the mission wrote it, keeping
// only what a dialler reads (digits and a leading +).
func (v *View) TelURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}
