package booking

import (
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func chongqing() calendar.Calendar {
	day := []calendar.Interval{{Start: "09:00", End: "12:00"}, {Start: "14:00", End: "17:00"}}
	return calendar.Calendar{Zone: shanghai, Observe: []string{"CN", "BY"}, Schedules: calendar.DefaultSchedules(),
		Hours:    map[time.Weekday][]calendar.Interval{time.Monday: day, time.Tuesday: day, time.Wednesday: day, time.Thursday: day, time.Friday: day},
		Closures: map[calendar.Date]string{{Year: 2026, Month: 12, Day: 9}: "staff training"}}
}

func visa() Service {
	return Service{ID: "cq-visa", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Visa"}, Duration: 20, Capacity: 2,
		WindowDays: 30, MinNotice: 24, Mode: FirstCome, Active: true, NeedsPassport: true}
}

func at(day string, hhmm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hhmm, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSlotsOfADay(t *testing.T) {
	d, _ := calendar.ParseDate("2026-12-01")
	slots := Slots(visa(), chongqing(), d)
	if len(slots) != 18 { // 9 in the morning, 9 in the afternoon
		t.Fatalf("%d slots, want 18", len(slots))
	}
	if !slots[0].Start.Equal(at("2026-12-01", "09:00")) || !slots[8].End.Equal(at("2026-12-01", "12:00")) || !slots[9].Start.Equal(at("2026-12-01", "14:00")) {
		t.Fatalf("slots %v … %v", slots[0].Start, slots[17].Start)
	}
	odd := visa()
	odd.Duration = 50 // 09:00, 09:50, 10:40; 11:30 would end after noon
	if got := Slots(odd, chongqing(), d); len(got) != 6 || !got[2].Start.Equal(at("2026-12-01", "10:40")) {
		t.Fatalf("50-minute slots: %d", len(got))
	}
	sunday, _ := calendar.ParseDate("2026-12-06")
	if len(Slots(visa(), chongqing(), sunday)) != 0 {
		t.Fatal("slots on a Sunday")
	}
}

func TestOffered(t *testing.T) {
	now := at("2026-11-23", "10:00")
	inactive := visa()
	inactive.Active = false
	cases := []struct {
		name  string
		svc   Service
		start time.Time
		key   string
	}{
		{"a free weekday slot", visa(), at("2026-12-01", "09:20"), ""},
		{"past", visa(), at("2026-11-20", "09:00"), "error.slot_past"},
		{"less than 24 hours ahead", visa(), at("2026-11-24", "09:00"), "error.slot_too_soon"},
		{"exactly 24 hours ahead", visa(), at("2026-11-24", "10:00"), ""},
		{"the last day of the window", visa(), at("2026-12-23", "16:40"), ""},
		{"a day after the window", visa(), at("2026-12-24", "09:00"), "error.slot_too_far"},
		{"a Sunday", visa(), at("2026-11-29", "09:00"), "error.slot_day_closed"},
		{"a closure", visa(), at("2026-12-09", "09:00"), "error.slot_day_closed"},
		{"lunch", visa(), at("2026-12-01", "12:20"), "error.slot_not_offered"},
		{"off the grid", visa(), at("2026-12-01", "09:10"), "error.slot_not_offered"},
		{"an inactive service", inactive, at("2026-12-01", "09:20"), "error.service_not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Offered(tc.svc, chongqing(), tc.start, now)
			key, _ := chancery.ErrorKey(err)
			if (tc.key == "" && err != nil) || (tc.key != "" && key != tc.key) {
				t.Fatalf("got %v (%s), want %q", err, key, tc.key)
			}
		})
	}
	// Holidays of both countries close the consulate.
	for _, day := range []string{"2027-01-01", "2026-12-25"} { // New Year (CN, BY); Christmas (BY)
		_, err := Offered(visa(), chongqing(), at(day, "09:00"), at("2026-12-20", "10:00"))
		if key, _ := chancery.ErrorKey(err); key != "error.slot_day_closed" {
			t.Errorf("%s: %v", day, err)
		}
	}
}

func TestApplicant(t *testing.T) {
	good := Applicant{Name: "  Li   Wei ", Email: " li.wei@example.com ", Phone: "+86 (23) 6000-0000", Passport: "ea 123 4567"}.Normalized()
	if good.Name != "Li Wei" || good.Passport != "EA1234567" || good.Validate(visa()) != nil {
		t.Fatalf("a good applicant %+v: %v", good, good.Validate(visa()))
	}
	cases := []struct {
		name  string
		edit  func(*Applicant)
		field string
	}{
		{"no name", func(a *Applicant) { a.Name = "" }, "name"},
		{"over-long name", func(a *Applicant) { a.Name = strings.Repeat("王", 101) }, "name"},
		{"control character", func(a *Applicant) { a.Name = "Li\x00Wei" }, "name"},
		{"no email", func(a *Applicant) { a.Email = "" }, "email"},
		{"email without domain dot", func(a *Applicant) { a.Email = "li@localhost" }, "email"},
		{"email with display name", func(a *Applicant) { a.Email = "Li <li@example.com>" }, "email"},
		{"two emails", func(a *Applicant) { a.Email = "a@example.com, b@example.com" }, "email"},
		{"letters in phone", func(a *Applicant) { a.Phone = "call me" }, "phone"},
		{"short phone", func(a *Applicant) { a.Phone = "12345" }, "phone"},
		{"long phone", func(a *Applicant) { a.Phone = "+1234567890123456" }, "phone"},
		{"no passport where needed", func(a *Applicant) { a.Passport = "" }, "passport"},
		{"passport too short", func(a *Applicant) { a.Passport = "AB12" }, "passport"},
		{"passport of letters", func(a *Applicant) { a.Passport = "ABCDEFG" }, "passport"},
		{"passport with a symbol", func(a *Applicant) { a.Passport = "AB12345<" }, "passport"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := good
			tc.edit(&a)
			err := a.Validate(visa())
			if _, data := chancery.ErrorKey(err); err == nil || data["Field"] != tc.field {
				t.Fatalf("got %v, want an error about %s", err, tc.field)
			}
		})
	}
	if NormalizeEmail("  Li.Wei@Example.COM ") != "li.wei@example.com" {
		t.Error("NormalizeEmail")
	}
}

func TestReferencesAndTokens(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		r := NewReference()
		if len(r) != 9 || r[4] != '-' || strings.ContainsAny(r, "ILOU") || seen[r] {
			t.Fatalf("reference %q", r)
		}
		seen[r] = true
	}
	tok, hash := NewToken()
	if !TokenMatches(hash, tok) || TokenMatches(hash, tok+"x") || TokenMatches(hash, "") || len(tok) < 32 {
		t.Fatal("token check")
	}
}

func TestServiceValidate(t *testing.T) {
	if err := visa().Validate(); err != nil {
		t.Fatal(err)
	}
	for field, edit := range map[string]func(*Service){
		"id": func(s *Service) { s.ID = "Visa!" }, "duration_minutes": func(s *Service) { s.Duration = 0 },
		"capacity": func(s *Service) { s.Capacity = 0 }, "window_days": func(s *Service) { s.WindowDays = 400 },
		"mode": func(s *Service) { s.Mode = "auction" }, "name": func(s *Service) { s.Name = nil },
	} {
		s := visa()
		edit(&s)
		if _, data := chancery.ErrorKey(s.Validate()); data["Field"] != field {
			t.Errorf("%s: %v", field, s.Validate())
		}
	}
}
