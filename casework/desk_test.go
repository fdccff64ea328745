package casework

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// chongqingCalendar is a mission open Monday to Friday that closes on the
// public holidays of China and of Belarus.
func chongqingCalendar(t *testing.T) calendar.Calendar {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	hours := map[time.Weekday][]calendar.Interval{}
	for d := time.Monday; d <= time.Friday; d++ {
		hours[d] = []calendar.Interval{{Start: "09:00", End: "12:00"}}
	}
	return calendar.Calendar{Zone: loc, Hours: hours, Observe: []string{"CN", "BY"}, Schedules: calendar.DefaultSchedules()}
}

// TestDueDate: a case is due its type's processing days later, counted in
// the mission's working days from the day it came (in the mission's zone),
// past weekends and either country's holidays.
func TestDueDate(t *testing.T) {
	cal := chongqingCalendar(t)
	for _, tc := range []struct {
		name, at string
		days     int
		want     string
	}{
		{"Monday, five days: the next Monday", "2026-12-07T10:00:00+08:00", 5, "2026-12-14"},
		{"zero days: the day itself", "2026-12-07T10:00:00+08:00", 0, "2026-12-07"},
		{"Thursday before Belarus's Independence Day (Friday 3 July)", "2026-07-02T10:00:00+08:00", 2, "2026-07-07"},
		{"late on Sunday evening in Chongqing, still Sunday there", "2026-12-06T15:30:00Z", 1, "2026-12-07"},
	} {
		at, err := time.Parse(time.RFC3339, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := DueDate(cal, at, tc.days).String(); got != tc.want {
			t.Errorf("%s: due %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestShiftDue: the working days a case waits move its due day on by as
// many working days; a wait within one day, or over a weekend only, moves
// nothing.
func TestShiftDue(t *testing.T) {
	cal := chongqingCalendar(t)
	due := calendar.Date{Year: 2026, Month: 12, Day: 14}
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"the same day", "2026-12-08T09:00:00+08:00", "2026-12-08T16:00:00+08:00", "2026-12-14"},
		{"Tuesday to Thursday: two working days", "2026-12-08T09:00:00+08:00", "2026-12-10T09:00:00+08:00", "2026-12-16"},
		{"Friday to Sunday: none", "2026-12-11T09:00:00+08:00", "2026-12-13T09:00:00+08:00", "2026-12-14"},
		{"Friday to Monday: one", "2026-12-11T09:00:00+08:00", "2026-12-14T09:00:00+08:00", "2026-12-15"},
	} {
		from, _ := time.Parse(time.RFC3339, tc.from)
		to, _ := time.Parse(time.RFC3339, tc.to)
		if got := ShiftDue(cal, due, from, to).String(); got != tc.want {
			t.Errorf("%s: due %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestDeskChecks: who may act on a case, and what a request, a receipt
// and a refusal's reasons must hold.
func TestDeskChecks(t *testing.T) {
	a := Application{Stage: InReview, Work: Work{AssigneeID: 7, Assignee: "li"}}
	if err := a.MayAct(7); err != nil {
		t.Errorf("the assignee: %v", err)
	}
	if err := a.MayAct(8); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("another: %v", err)
	}
	if err := (Application{Stage: Submitted}).MayAct(7); !errors.Is(err, ErrCaseNotYours) {
		t.Errorf("no assignee: %v", err)
	}
	if err := (Application{Stage: Decided, Work: a.Work}).MayAct(7); !errors.Is(err, ErrClosed) {
		t.Errorf("decided: %v", err)
	}
	today := calendar.Date{Year: 2026, Month: 12, Day: 7}
	if errs := chancery.Errors(CheckRequest(" ", today, today)); len(errs) != 2 {
		t.Errorf("an empty request due today: %v", errs)
	}
	if err := CheckRequest("A clearer scan, please.", today.AddDays(1), today); err != nil {
		t.Errorf("a good request: %v", err)
	}
	for receipt, ok := range map[string]bool{"R-2026-0042": true, "": false, "a\nb": false, strings.Repeat("x", 65): false} {
		if (CheckReceipt(receipt) == nil) != ok {
			t.Errorf("receipt %q: ok should be %v", receipt, ok)
		}
	}
	ty := CaseType{Refusals: []Reason{{ID: "purpose"}, {ID: "means"}}}
	if got, err := ty.CheckReasons([]string{"means", "purpose", "means"}); err != nil || len(got) != 2 || got[0] != "purpose" {
		t.Errorf("two reasons, one twice: %v %v", got, err)
	}
	if _, err := ty.CheckReasons(nil); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("no reason: %v", err)
	}
	if _, err := ty.CheckReasons([]string{"made_up"}); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a reason not on the list: %v", err)
	}
}
