package entry_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/entry"
)

// TestValidate covers every field a request can get wrong, and the spellings
// that are accepted after normalisation.
func TestValidate(t *testing.T) {
	good := entry.Request{Destination: "BY", Nationality: "CN", Passport: entry.Ordinary, Purpose: entry.Tourism,
		StayDays: 10, On: "2025-06-01"}
	change := func(f func(*entry.Request)) entry.Request { r := good; f(&r); return r }
	cases := []struct {
		name string
		req  entry.Request
		key  string
	}{
		{"a plain request", good, ""},
		{"lower case and spaces are normalised", entry.Request{Destination: " by", Nationality: "cn ", Passport: "Ordinary",
			Purpose: "TOURISM", Entries: "Multiple", StayDays: 10, On: " 2025-06-01 "}, ""},
		{"shortest stay", change(func(r *entry.Request) { r.StayDays = 1 }), ""},
		{"longest stay", change(func(r *entry.Request) { r.StayDays = 3650 }), ""},
		{"a whole leap year used", change(func(r *entry.Request) { r.DaysUsedThisYear = 366 }), ""},
		{"29 February of a leap year", change(func(r *entry.Request) { r.On = "2024-02-29" }), ""},
		{"destination elsewhere", change(func(r *entry.Request) { r.Destination = "RU" }), "error.destination_unsupported"},
		{"destination missing", change(func(r *entry.Request) { r.Destination = "" }), "error.destination_unsupported"},
		{"nationality missing", change(func(r *entry.Request) { r.Nationality = "" }), "error.nationality_invalid"},
		{"nationality of three letters", change(func(r *entry.Request) { r.Nationality = "CHN" }), "error.nationality_invalid"},
		{"nationality with a digit", change(func(r *entry.Request) { r.Nationality = "C1" }), "error.nationality_invalid"},
		{"nationality with a Kelvin sign", change(func(r *entry.Request) { r.Nationality = "\u212Ay" }), "error.nationality_invalid"},
		{"nationality with a dotless i", change(func(r *entry.Request) { r.Nationality = "\u0131t" }), "error.nationality_invalid"},
		{"passport missing", change(func(r *entry.Request) { r.Passport = "" }), "error.passport_unknown"},
		{"passport unknown", change(func(r *entry.Request) { r.Passport = "official" }), "error.passport_unknown"},
		{"purpose missing", change(func(r *entry.Request) { r.Purpose = "" }), "error.purpose_unknown"},
		{"purpose unknown", change(func(r *entry.Request) { r.Purpose = "medical" }), "error.purpose_unknown"},
		{"entries unknown", change(func(r *entry.Request) { r.Entries = "triple" }), "error.entries_unknown"},
		{"stay of 0 days", change(func(r *entry.Request) { r.StayDays = 0 }), "error.stay_days_range"},
		{"stay of 3651 days", change(func(r *entry.Request) { r.StayDays = 3651 }), "error.stay_days_range"},
		{"negative days used", change(func(r *entry.Request) { r.DaysUsedThisYear = -1 }), "error.days_used_range"},
		{"367 days used", change(func(r *entry.Request) { r.DaysUsedThisYear = 367 }), "error.days_used_range"},
		{"date missing", change(func(r *entry.Request) { r.On = "" }), "error.entry_date_required"},
		{"date not a day", change(func(r *entry.Request) { r.On = "2025-02-29" }), "error.entry_date_invalid"},
		{"date in another format", change(func(r *entry.Request) { r.On = "01.06.2025" }), "error.entry_date_invalid"},
		{"date without leading zeros", change(func(r *entry.Request) { r.On = "2025-6-1" }), "error.entry_date_invalid"},
		{"date with a time", change(func(r *entry.Request) { r.On = "2025-06-01T10:00:00Z" }), "error.entry_date_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertInvalid(t, c.req.Validate(), c.key)
			_, err := entry.Check(c.req, feeTable(t), airportList)
			assertInvalid(t, err, c.key)
		})
	}
}

// TestValidateEchoesShortly checks that an error never carries a whole pasted text.
func TestValidateEchoesShortly(t *testing.T) {
	req := entry.Request{Destination: strings.Repeat("X", 10000)}
	err := req.Validate()
	assertInvalid(t, err, "error.destination_unsupported")
	// Every field of the empty request is in error: each error, not their
	// sum, is what a message shows.
	for _, e := range chancery.Errors(err) {
		if len(e.Error()) > 200 {
			t.Errorf("%s: error text is %d bytes", e.Key, len(e.Error()))
		}
	}
}

// TestValidateReportsEveryField: a request wrong in several fields is
// answered with every one of them, in the form's order, each naming its
// field, so the page can show them all at once.
func TestValidateReportsEveryField(t *testing.T) {
	req := entry.Request{Destination: "BY", Nationality: "China", Passport: "ordinary", Purpose: "fun", StayDays: 0,
		DaysUsedThisYear: 400, On: "2025-02-29"}
	var got []string
	for _, e := range chancery.Errors(req.Validate()) {
		got = append(got, fmt.Sprint(e.Data["Field"])+" "+e.Key)
	}
	want := []string{"nationality error.nationality_invalid", "purpose error.purpose_unknown",
		"stay_days error.stay_days_range", "days_used_this_year error.days_used_range", "on error.entry_date_invalid"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestNormalized checks the canonical form, Entries' default included.
func TestNormalized(t *testing.T) {
	got := entry.Request{Destination: "cn", Nationality: " by ", Passport: " Diplomatic", Purpose: "Work"}.Normalized()
	want := entry.Request{Destination: "CN", Nationality: "BY", Passport: entry.Diplomatic, Purpose: entry.Work, Entries: entry.Single}
	if got != want {
		t.Errorf("Normalized = %+v; want %+v", got, want)
	}
}
