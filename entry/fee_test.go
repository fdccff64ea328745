package entry_test

import (
	"slices"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/entry"
)

func entries(e string) func(*entry.Request) { return func(r *entry.Request) { r.Entries = e } }
func urgent(r *entry.Request)               { r.Urgent = true }

// TestFees covers the Embassy in China's visa tariff as the shipped dataset
// holds it (PRC rows; Serbia and Japan free), urgent processing, and
// nationalities for which no sourced fee is held.
func TestFees(t *testing.T) {
	fee := func(name string, req entry.Request, visaType, amount, currency, typeReason string, notes ...string) decisionCase {
		if len(notes) == 0 {
			notes = feeNote
		}
		return decisionCase{name: name, req: req, visa: true, rule: visaBY, visaType: visaType, amount: amount, currency: currency,
			reasons: []string{"entry.reason.no_exemption", typeReason}, notes: notes}
	}
	const b, c, dp = "entry.reason.visa_type_b", "entry.reason.visa_type_c_configured", "entry.reason.visa_type_d_purpose_configured"
	ds := "entry.reason.visa_type_d_stay_configured"
	noFee := func(name string, req entry.Request, visaType, typeReason string) decisionCase {
		return decisionCase{name: name, req: req, visa: true, rule: visaBY, visaType: visaType,
			reasons: []string{"entry.reason.no_exemption", typeReason}, notes: noFeeNote}
	}
	hkTransit, hkTourist := trip("BY", "HK", entry.Transit, 2), trip("BY", "HK", entry.Tourism, 10)
	urgentNotes := []string{"entry.note.fee", "entry.note.fee_urgent"}
	runDecisions(t, []decisionCase{
		fee("PRC B single", hkTransit, "B", "30", "USD", b),
		fee("PRC B double", with(hkTransit, entries("double")), "B", "45", "USD", b),
		fee("PRC B multiple", with(hkTransit, entries("multiple")), "B", "90", "USD", b),
		fee("PRC C single", hkTourist, "C", "30", "USD", c),
		fee("PRC C double", with(hkTourist, entries("double")), "C", "45", "USD", c),
		fee("PRC C multiple", with(hkTourist, entries("multiple")), "C", "60", "USD", c),
		fee("PRC D", trip("BY", "MO", entry.Study, 200), "D", "90", "USD", dp),
		fee("PRC D multiple is the same D fee", with(trip("BY", "TW", entry.Work, 200), entries("multiple")), "D", "90", "USD", dp),
		// The EU and "other" rows had no source and are not shipped.
		noFee("EU national C: no sourced fee", trip("BY", "FR", entry.Tourism, 10), "C", c),
		noFee("EU national D: no sourced fee", trip("BY", "FR", entry.Tourism, 120), "D", ds),
		noFee("EU national B multiple: no sourced fee", with(trip("BY", "GR", entry.Transit, 2), entries("multiple")), "B", b),
		fee("Japanese pay nothing", trip("BY", "JP", entry.Business, 10), "C", "0", "USD", c, "entry.note.fee_free"),
		fee("Serbians pay nothing", trip("BY", "RS", entry.Study, 200), "D", "0", "USD", dp, "entry.note.fee_free"),
		noFee("other national (KE, unlisted) C: no sourced fee", trip("BY", "KE", entry.Tourism, 10), "C", c),
		fee("urgent PRC C single doubles 30 to 60", with(hkTourist, urgent), "C", "60", "USD", c, urgentNotes...),
		fee("urgent PRC B multiple doubles 90 to 180", with(hkTransit, entries("multiple"), urgent), "B", "180", "USD", b, urgentNotes...),
		noFee("urgent other: still no sourced fee", with(trip("BY", "KE", entry.Tourism, 10), urgent), "C", c),
		fee("urgent Japanese still free", with(trip("BY", "JP", entry.Tourism, 10), urgent), "C", "0", "USD", c,
			"entry.note.fee_free", "entry.note.fee_urgent"),
		{name: "no fee table", req: hkTourist, noFees: true, visa: true, rule: visaBY, visaType: "C",
			reasons: []string{"entry.reason.no_exemption", c}, notes: []string{"entry.note.fee_not_in_data"}},
	})
}

// TestFeeSetByMission: a fee row without a source is applied and told as
// the mission's own setting, never as sourced.
func TestFeeSetByMission(t *testing.T) {
	table := []entry.Fee{
		{Destination: "BY", Applicant: "other", VisaType: "C", Amount: "60", Currency: "EUR", ValidFrom: "2020-01-01"},
		{Destination: "BY", Applicant: "PRC", VisaType: "C", Amount: "30", Currency: "USD", ValidFrom: "2020-01-01", Source: "by-embassy-cn-fee-tariff"},
	}
	cases := []struct {
		name  string
		req   entry.Request
		notes []string
	}{
		{"unsourced row", trip("BY", "KE", entry.Tourism, 10), []string{"entry.note.fee", "entry.note.fee_set_by_mission"}},
		{"unsourced row, urgent", with(trip("BY", "KE", entry.Tourism, 10), urgent),
			[]string{"entry.note.fee", "entry.note.fee_set_by_mission", "entry.note.fee_urgent"}},
		{"sourced row", trip("BY", "HK", entry.Tourism, 10), []string{"entry.note.fee"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := c.req
			req.Passport, req.On = entry.Ordinary, "2025-06-01"
			d, err := entry.Check(req, table, nil)
			if err != nil || d.Fee == nil {
				t.Fatalf("%+v %v", d, err)
			}
			if got := keys(d.Notes); !slices.Equal(got, c.notes) {
				t.Errorf("notes %q; want %q", got, c.notes)
			}
			if d.Fee.Sourced() != (d.Fee.Source != "") {
				t.Errorf("Sourced() = %v for source %q", d.Fee.Sourced(), d.Fee.Source)
			}
			checkDecision(t, d)
		})
	}
}

// TestFindFee covers how a row is chosen from a dated table.
func TestFindFee(t *testing.T) {
	const src = "test tariff"
	row := func(applicant, visa, entries, amount, from, to string) entry.Fee {
		return entry.Fee{Destination: "BY", Applicant: applicant, VisaType: visa, Entries: entries,
			Amount: amount, Currency: "EUR", ValidFrom: from, ValidTo: to, Source: src}
	}
	fees := []entry.Fee{
		row("other", "C", "", "60", "2000-01-01", "2025-12-31"),
		row("other", "C", "", "80", "2026-01-01", ""),
		row("US", "C", "", "10", "2000-01-01", ""),
		row("PRC", "C", "single", "30", "2000-01-01", ""),
		row("PRC", "C", "", "99", "2000-01-01", ""),
		row("PRC", "D", "", "not a number", "2000-01-01", ""),
		row("EU", "B", "", "35", "2030-01-01", ""),
	}
	cases := []struct {
		name, nationality, visa, entries, day string
		want                                  string // amount, "" for none
	}{
		{"last day of the old tariff", "KE", "C", "single", "2025-12-31", "60"},
		{"first day of the new tariff", "KE", "C", "single", "2026-01-01", "80"},
		{"a nationality's own row wins over its group", "US", "C", "single", "2025-06-01", "10"},
		{"a row for the exact entries wins over one for any", "CN", "C", "single", "2025-06-01", "30"},
		{"a row for any entries serves the others", "CN", "C", "double", "2025-06-01", "99"},
		{"an invalid row is ignored", "CN", "D", "single", "2025-06-01", ""},
		{"no row in force yet", "FR", "B", "single", "2029-12-31", ""},
		{"no row for the visa type", "KE", "B", "single", "2025-06-01", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := entry.FindFee(fees, "BY", c.nationality, c.visa, c.entries, c.day)
			got := ""
			if f != nil {
				got = f.Amount
			}
			if got != c.want {
				t.Errorf("FindFee = %q; want %q", got, c.want)
			}
		})
	}
}

// TestApplicantGroup covers the tariff's groups.
func TestApplicantGroup(t *testing.T) {
	cases := map[string]string{
		"CN": "PRC", "HK": "PRC", "MO": "PRC", "TW": "PRC",
		"DE": "EU", "FR": "EU", "GR": "EU", "HR": "EU", "SE": "EU",
		"GB": "other", "CH": "other", "NO": "other", "US": "other", "RS": "other", "JP": "other", "BY": "other",
	}
	for nat, want := range cases {
		if got := entry.ApplicantGroup(nat); got != want {
			t.Errorf("ApplicantGroup(%s) = %s; want %s", nat, got, want)
		}
	}
}

// TestValidateFee covers every problem an imported fee row can have.
func TestValidateFee(t *testing.T) {
	// FindFee ignores a row that fails ValidateFee, so every shipped row must pass.
	fees := feeTable(t)
	for i, f := range fees {
		if err := entry.ValidateFee(f); err != nil {
			t.Errorf("dataset fees[%d]: %v", i, err)
		}
	}
	good := fees[0]
	change := func(f func(*entry.Fee)) entry.Fee { g := good; f(&g); return g }
	cases := []struct {
		name string
		fee  entry.Fee
		key  string
	}{
		{"default row", good, ""},
		{"zero amount", change(func(f *entry.Fee) { f.Amount = "0" }), ""},
		{"amount with cents", change(func(f *entry.Fee) { f.Amount = "22.50" }), ""},
		{"closed period", change(func(f *entry.Fee) { f.ValidTo = "2025-12-31" }), ""},
		{"single nationality", change(func(f *entry.Fee) { f.Applicant = "RS" }), ""},
		{"destination not a code", change(func(f *entry.Fee) { f.Destination = "Belarus" }), "error.fee_destination_invalid"},
		{"applicant unknown", change(func(f *entry.Fee) { f.Applicant = "eu" }), "error.fee_applicant_invalid"},
		{"visa type unknown", change(func(f *entry.Fee) { f.VisaType = "A" }), "error.fee_visa_type_unknown"},
		{"entries unknown", change(func(f *entry.Fee) { f.Entries = "triple" }), "error.entries_unknown"},
		{"negative amount", change(func(f *entry.Fee) { f.Amount = "-30" }), "error.fee_amount_invalid"},
		{"amount with a comma", change(func(f *entry.Fee) { f.Amount = "30,5" }), "error.fee_amount_invalid"},
		{"amount empty", change(func(f *entry.Fee) { f.Amount = "" }), "error.fee_amount_invalid"},
		{"amount in exponent form", change(func(f *entry.Fee) { f.Amount = "3e1" }), "error.fee_amount_invalid"},
		{"currency lower case", change(func(f *entry.Fee) { f.Currency = "usd" }), "error.fee_currency_invalid"},
		{"currency symbol", change(func(f *entry.Fee) { f.Currency = "$" }), "error.fee_currency_invalid"},
		{"start date not a day", change(func(f *entry.Fee) { f.ValidFrom = "2025-02-30" }), "error.fee_date_invalid"},
		{"start date missing", change(func(f *entry.Fee) { f.ValidFrom = "" }), "error.fee_date_invalid"},
		{"end date not a day", change(func(f *entry.Fee) { f.ValidTo = "31.12.2025" }), "error.fee_date_invalid"},
		{"end before start", change(func(f *entry.Fee) { f.ValidTo = "1999-12-31" }), "error.fee_dates_reversed"},
		{"no source: set by the mission", change(func(f *entry.Fee) { f.Source = "" }), ""},
		{"source of spaces", change(func(f *entry.Fee) { f.Source = "  " }), "error.fee_source_invalid"},
		{"source not UTF-8", change(func(f *entry.Fee) { f.Source = "\xff" }), "error.fee_source_invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assertInvalid(t, entry.ValidateFee(c.fee), c.key)
		})
	}
}

// assertInvalid checks that err is nil when key is "", and otherwise an
// EINVALID *chancery.Error with that key and a message in MESSAGES.md.
func assertInvalid(t *testing.T, err error, key string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Errorf("unexpected error %v", err)
		}
		return
	}
	if chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("error %v; want code %s", err, chancery.EINVALID)
	}
	got, data := chancery.ErrorKey(err)
	if got != key {
		t.Errorf("key %s; want %s", got, key)
	}
	checkMessage(t, got, data)
}

// TestValidateFees covers which tables FindFee can always choose from.
func TestValidateFees(t *testing.T) {
	row := func(applicant, entries, from, to string) entry.Fee {
		return entry.Fee{Destination: "BY", Applicant: applicant, VisaType: "C", Entries: entries,
			Amount: "60", Currency: "EUR", ValidFrom: from, ValidTo: to, Source: "test tariff"}
	}
	cases := []struct {
		name string
		fees []entry.Fee
		row  int // the row named in the error; 0 for none
	}{
		{"one row after the other", []entry.Fee{row("other", "", "2000-01-01", "2025-12-31"), row("other", "", "2026-01-01", "")}, 0},
		{"a later row while the older is still in force", []entry.Fee{row("other", "", "2000-01-01", ""), row("other", "", "2026-01-01", "")}, 2},
		{"sharing their boundary day", []entry.Fee{row("other", "", "2000-01-01", "2026-01-01"), row("other", "", "2026-01-01", "")}, 2},
		{"an earlier row listed last", []entry.Fee{row("EU", "", "2020-01-01", ""), row("other", "", "2026-01-01", ""), row("EU", "", "2000-01-01", "2020-06-30")}, 3},
		{"other applicants", []entry.Fee{row("other", "", "2000-01-01", ""), row("EU", "", "2000-01-01", "")}, 0},
		{"exact entries beside any", []entry.Fee{row("PRC", "", "2000-01-01", ""), row("PRC", "single", "2000-01-01", "")}, 0},
	}
	for _, c := range cases {
		err := entry.ValidateFees(c.fees)
		_, data := chancery.ErrorKey(err)
		if c.row == 0 && err != nil || c.row != 0 && data["Row"] != c.row {
			t.Errorf("%s: %v %v", c.name, err, data)
		}
	}
}
