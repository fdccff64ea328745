package entry_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/entry"
)

// shippedFees is the fee table of the dataset the product ships and seeds
// (dataset/default.yaml), as the web layer hands it to Check.
var shippedFees = sync.OnceValues(func() ([]entry.Fee, error) {
	ds, err := dataset.Default()
	if err != nil {
		return nil, err
	}
	fees := make([]entry.Fee, len(ds.Fees))
	for i, f := range ds.Fees {
		fees[i] = entry.Fee(f)
	}
	return fees, nil
})

// feeTable is shippedFees for a test, which fails when the dataset does
// not parse.
func feeTable(t testing.TB) []entry.Fee {
	t.Helper()
	fees, err := shippedFees()
	if err != nil {
		t.Fatalf("dataset: %v", err)
	}
	return fees
}

// airportList stands in for the 74 nationalities of Belarus's airport
// visa-free entry, which callers load as data; "us" checks that case is ignored.
var airportList = []string{"us", "DE", "BR"}

// decisionCase is one trip and what Check must answer.
type decisionCase struct {
	name     string
	req      entry.Request // Passport defaults to ordinary, On to 2025-06-01
	noList   bool          // pass no airport list
	noFees   bool          // pass no fee table
	visa     bool
	rule     string
	visaType string
	amount   string // FeeAmount; "" means no fee row applies
	currency string
	reasons  []string // keys of Reasons, in order
	notes    []string // keys of Notes, in order
}

// Keys that recur in the tables below.
var (
	granted        = []string{"entry.reason.exemption_covers", "entry.reason.purpose_covered", "entry.reason.stay_within"}
	grantedYear    = append(slices.Clone(granted), "entry.reason.year_within")
	airportNotes   = []string{"entry.note.airport_minsk_only", "entry.note.airport_passport_validity", "entry.note.airport_insurance", "entry.note.airport_funds", "entry.note.airport_not_russia"}
	feeNote        = []string{"entry.note.fee"}
	noFeeNote      = []string{"entry.note.fee_not_in_data"}
	chinaVisaNotes = []string{"entry.note.china_visa_not_in_data"}
)

const (
	mutual  = entry.RuleMutualExemption
	airport = entry.RuleAirportEntry
	visaBY  = entry.RuleVisaBelarus
	visaCN  = entry.RuleVisaChina
	own     = entry.RuleOwnCountry
)

func trip(dest, nat string, purpose entry.Purpose, stay int) entry.Request {
	return entry.Request{Destination: dest, Nationality: nat, Purpose: purpose, StayDays: stay}
}

// with returns r changed by each of fs.
func with(r entry.Request, fs ...func(*entry.Request)) entry.Request {
	for _, f := range fs {
		f(&r)
	}
	return r
}

func used(days int) func(*entry.Request) { return func(r *entry.Request) { r.DaysUsedThisYear = days } }
func on(day string) func(*entry.Request) { return func(r *entry.Request) { r.On = day } }
func passport(p entry.Passport) func(*entry.Request) {
	return func(r *entry.Request) { r.Passport = p }
}

// runDecisions checks each case's decision field by field.
func runDecisions(t *testing.T, cases []decisionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := c.req
			if req.Passport == "" {
				req.Passport = entry.Ordinary
			}
			if req.On == "" {
				req.On = "2025-06-01"
			}
			list, fees := airportList, feeTable(t)
			if c.noList {
				list = nil
			}
			if c.noFees {
				fees = nil
			}
			d, err := entry.Check(req, fees, list)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if d.VisaRequired != c.visa || d.Rule.ID != c.rule || d.VisaType != c.visaType {
				t.Errorf("visa %v, rule %q, type %q; want %v, %q, %q", d.VisaRequired, d.Rule.ID, d.VisaType, c.visa, c.rule, c.visaType)
			}
			if d.FeeAmount != c.amount || d.FeeCurrency != c.currency || (d.Fee == nil) != (c.currency == "") {
				t.Errorf("fee %q %q (row %v); want %q %q", d.FeeAmount, d.FeeCurrency, d.Fee, c.amount, c.currency)
			}
			if d.Rule.Title == "" || d.Rule.Citation == "" {
				t.Errorf("rule %q has no title or citation", d.Rule.ID)
			}
			if got := keys(d.Reasons); !slices.Equal(got, c.reasons) {
				t.Errorf("reasons\n got %q\nwant %q", got, c.reasons)
			}
			if got := keys(d.Notes); !slices.Equal(got, c.notes) {
				t.Errorf("notes\n got %q\nwant %q", got, c.notes)
			}
			var unchecked []string
			if c.noList && req.Normalized().Destination == entry.Belarus {
				unchecked = []string{airport}
			}
			if !slices.Equal(d.Unchecked, unchecked) {
				t.Errorf("unchecked %q; want %q", d.Unchecked, unchecked)
			}
			checkDecision(t, d)
		})
	}
}

func keys(rs []entry.Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Key)
	}
	return out
}

// TestMutualExemption covers the China–Belarus mutual visa exemption at every boundary.
func TestMutualExemption(t *testing.T) {
	cnTourist := decisionCase{name: "CN tourist to BY, 30 days", req: trip("BY", "CN", entry.Tourism, 30),
		rule: mutual, reasons: grantedYear}
	byTourist := decisionCase{name: "BY tourist to CN, 30 days", req: trip("CN", "BY", entry.Tourism, 30),
		rule: mutual, reasons: grantedYear}
	refusedCN := func(name string, req entry.Request, why ...string) decisionCase {
		return decisionCase{name: name, req: req, visa: true, rule: visaCN,
			reasons: append(why, "entry.reason.visa_china"), notes: chinaVisaNotes}
	}
	runDecisions(t, []decisionCase{
		cnTourist,
		{name: "CN tourist to BY, 31 days", req: trip("BY", "CN", entry.Tourism, 31), visa: true, rule: visaBY,
			visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.stay_exceeds", "entry.reason.visa_type_c_configured"}, notes: feeNote},
		{name: "CN 60 days used + 30 = 90 allowed", req: with(cnTourist.req, used(60)), rule: mutual, reasons: grantedYear},
		{name: "CN 61 days used + 30 = 91 refused", req: with(cnTourist.req, used(61)), visa: true, rule: visaBY,
			visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.year_exceeds", "entry.reason.visa_type_c_configured"}, notes: feeNote},
		{name: "CN 31 days and 61 used: both limits told", req: with(trip("BY", "CN", entry.Tourism, 31), used(61)),
			visa: true, rule: visaBY, visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.stay_exceeds", "entry.reason.year_exceeds", "entry.reason.visa_type_c_configured"}, notes: feeNote},
		{name: "CN business trip", req: trip("BY", "CN", entry.Business, 10), rule: mutual, reasons: grantedYear},
		{name: "CN private trip", req: trip("BY", "CN", entry.Private, 10), rule: mutual, reasons: grantedYear},
		{name: "CN transit counts as a covered trip", req: trip("BY", "CN", entry.Transit, 1), rule: mutual,
			reasons: grantedYear, notes: []string{"entry.note.transit_counts"}},
		{name: "CN service passport", req: with(trip("BY", "CN", entry.Tourism, 10), passport(entry.Service)),
			visa: true, rule: visaBY, visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.passport_not_covered", "entry.reason.visa_type_c_configured"},
			notes:   []string{"entry.note.official_passport", "entry.note.fee"}},
		{name: "CN diplomatic passport", req: with(trip("BY", "CN", entry.Business, 10), passport(entry.Diplomatic)),
			visa: true, rule: visaBY, visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.passport_not_covered", "entry.reason.visa_type_c_configured"},
			notes:   []string{"entry.note.official_passport", "entry.note.fee"}},
		{name: "CN work", req: trip("BY", "CN", entry.Work, 10), visa: true, rule: visaBY, visaType: "D", amount: "90", currency: "USD",
			reasons: []string{"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"}, notes: feeNote},
		{name: "CN study", req: trip("BY", "CN", entry.Study, 10), visa: true, rule: visaBY, visaType: "D", amount: "90", currency: "USD",
			reasons: []string{"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"}, notes: feeNote},
		{name: "CN residence", req: trip("BY", "CN", entry.Residence, 10), visa: true, rule: visaBY, visaType: "D", amount: "90", currency: "USD",
			reasons: []string{"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"}, notes: feeNote},
		// The shipped fee table starts on 2018-08-10, so a day earlier has no fee.
		{name: "CN entry the day before it came into force, 2018-08-09", req: with(cnTourist.req, on("2018-08-09")),
			visa: true, rule: visaBY, visaType: "C",
			reasons: []string{"entry.reason.not_yet_in_force", "entry.reason.visa_type_c_configured"}, notes: noFeeNote},
		{name: "CN entry the day it came into force, 2018-08-10", req: with(cnTourist.req, on("2018-08-10")),
			rule: mutual, reasons: grantedYear},

		byTourist,
		refusedCN("BY tourist to CN, 31 days", trip("CN", "BY", entry.Tourism, 31), "entry.reason.stay_exceeds"),
		{name: "BY 60 days used + 30 in CN allowed", req: with(byTourist.req, used(60)), rule: mutual, reasons: grantedYear},
		refusedCN("BY 61 days used + 30 in CN refused", with(byTourist.req, used(61)), "entry.reason.year_exceeds"),
		refusedCN("BY work in CN", trip("CN", "BY", entry.Work, 10), "entry.reason.purpose_not_covered"),
		refusedCN("BY study in CN", trip("CN", "BY", entry.Study, 10), "entry.reason.purpose_not_covered"),
		refusedCN("BY residence in CN", trip("CN", "BY", entry.Residence, 10), "entry.reason.purpose_not_covered"),
		refusedCN("BY entry to CN on 2018-08-09", with(byTourist.req, on("2018-08-09")), "entry.reason.not_yet_in_force"),
		{name: "BY entry to CN on 2018-08-10", req: with(byTourist.req, on("2018-08-10")), rule: mutual, reasons: grantedYear},
		{name: "BY diplomat to CN", req: with(trip("CN", "BY", entry.Business, 5), passport(entry.Diplomatic)),
			visa: true, rule: visaCN, reasons: []string{"entry.reason.passport_not_covered", "entry.reason.visa_china"},
			notes: []string{"entry.note.official_passport", "entry.note.china_visa_not_in_data"}},
		refusedCN("US tourist to CN: no recorded exemption", trip("CN", "US", entry.Tourism, 5), "entry.reason.no_exemption"),
	})
}

// TestAirportEntry covers Belarus's 30-day visa-free entry through Minsk National Airport.
func TestAirportEntry(t *testing.T) {
	us := decisionCase{name: "listed US tourist, 30 days", req: trip("BY", "US", entry.Tourism, 30),
		rule: airport, reasons: granted, notes: airportNotes}
	// The shipped table holds no sourced fee for US or KE citizens.
	usVisa := func(name string, req entry.Request, visaType string, why ...string) decisionCase {
		return decisionCase{name: name, req: req, visa: true, rule: visaBY, visaType: visaType,
			reasons: why, notes: noFeeNote}
	}
	runDecisions(t, []decisionCase{
		us,
		usVisa("listed US tourist, 31 days", trip("BY", "US", entry.Tourism, 31), "C",
			"entry.reason.stay_exceeds", "entry.reason.visa_type_c_configured"),
		{name: "listed US in transit", req: trip("BY", "US", entry.Transit, 2), rule: airport, reasons: granted,
			notes: append([]string{"entry.note.transit_counts"}, airportNotes...)},
		usVisa("listed US for work", trip("BY", "US", entry.Work, 20), "D",
			"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"),
		usVisa("listed US to study", trip("BY", "US", entry.Study, 20), "D",
			"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"),
		usVisa("listed US for residence", trip("BY", "US", entry.Residence, 20), "D",
			"entry.reason.purpose_not_covered", "entry.reason.visa_type_d_purpose_configured"),
		// The shipped fee table starts on 2018-08-10, so this day has no fee.
		{name: "listed US on 2018-07-26, before the 30-day term", req: with(us.req, on("2018-07-26")), visa: true, rule: visaBY,
			visaType: "C", reasons: []string{"entry.reason.not_yet_in_force", "entry.reason.visa_type_c_configured"}, notes: noFeeNote},
		{name: "listed US on 2018-07-27", req: with(us.req, on("2018-07-27")), rule: airport, reasons: granted, notes: airportNotes},
		{name: "listed US has no yearly limit", req: with(us.req, used(300)), rule: airport, reasons: granted, notes: airportNotes},
		{name: "listed US diplomat", req: with(trip("BY", "US", entry.Tourism, 5), passport(entry.Diplomatic)),
			visa: true, rule: visaBY, visaType: "C",
			reasons: []string{"entry.reason.passport_not_covered", "entry.reason.visa_type_c_configured"},
			notes:   []string{"entry.note.official_passport", "entry.note.fee_not_in_data"}},
		usVisa("unlisted KE tourist, 5 days", trip("BY", "KE", entry.Tourism, 5), "C",
			"entry.reason.no_exemption", "entry.reason.visa_type_c_configured"),
		// Without a list the rule is not tried and the public is told
		// nothing about it (Decision.Unchecked is for staff).
		{name: "US tourist when no list is given", req: trip("BY", "US", entry.Tourism, 5), noList: true,
			visa: true, rule: visaBY, visaType: "C",
			reasons: []string{"entry.reason.no_exemption", "entry.reason.visa_type_c_configured"},
			notes:   noFeeNote},
		{name: "listed nationality lowercase in the request", req: trip("by", "us", "Tourism", 30),
			rule: airport, reasons: granted, notes: airportNotes},
	})
}

// TestVisaTypeAndOwnCountry covers the visa type of a Belarusian visa and
// citizens entering their own country.
func TestVisaTypeAndOwnCountry(t *testing.T) {
	visa := func(name string, req entry.Request, visaType string, why ...string) decisionCase {
		return decisionCase{name: name, req: req, visa: true, rule: visaBY, visaType: visaType,
			reasons: append([]string{"entry.reason.no_exemption"}, why...), notes: noFeeNote}
	}
	runDecisions(t, []decisionCase{
		visa("transit is B", trip("BY", "KE", entry.Transit, 2), "B", "entry.reason.visa_type_b"),
		visa("tourism, 90 days is C", trip("BY", "KE", entry.Tourism, 90), "C", "entry.reason.visa_type_c_configured"),
		visa("tourism, 91 days is D", trip("BY", "KE", entry.Tourism, 91), "D", "entry.reason.visa_type_d_stay_configured"),
		visa("business, 10 days is C", trip("BY", "KE", entry.Business, 10), "C", "entry.reason.visa_type_c_configured"),
		visa("work is D", trip("BY", "KE", entry.Work, 10), "D", "entry.reason.visa_type_d_purpose_configured"),
		visa("study is D", trip("BY", "KE", entry.Study, 10), "D", "entry.reason.visa_type_d_purpose_configured"),
		visa("residence is D", trip("BY", "KE", entry.Residence, 10), "D", "entry.reason.visa_type_d_purpose_configured"),
		{name: "BY citizen home", req: trip("BY", "BY", entry.Residence, 3650), rule: own,
			reasons: []string{"entry.reason.own_country"}},
		{name: "CN citizen home", req: trip("CN", "CN", entry.Work, 400), rule: own,
			reasons: []string{"entry.reason.own_country"}},
		{name: "HK resident to the mainland", req: trip("CN", "HK", entry.Tourism, 5), rule: own,
			reasons: []string{"entry.reason.own_country_region"}, notes: []string{"entry.note.travel_permit"}},
		{name: "TW resident to the mainland", req: trip("CN", "TW", entry.Business, 5), rule: own,
			reasons: []string{"entry.reason.own_country_region"}, notes: []string{"entry.note.travel_permit"}},
		{name: "HK passport to BY: not the PRC ordinary passport of the agreement", req: trip("BY", "HK", entry.Tourism, 5),
			visa: true, rule: visaBY, visaType: "C", amount: "30", currency: "USD",
			reasons: []string{"entry.reason.no_exemption", "entry.reason.visa_type_c_configured"}, notes: feeNote},
	})
}

// TestAirportListOn covers choosing the airport list in force on the day of
// entry from dated versions (the list changes by decree).
func TestAirportListOn(t *testing.T) {
	lists := []entry.AirportList{
		{From: "2021-09-01", Nationalities: []string{"US", "DE", "BR"}},
		{From: "2018-07-27", Nationalities: []string{"US", "DE"}},
	}
	cases := []struct {
		name, day string
		want      []string
	}{
		{"before the first list", "2018-07-26", nil},
		{"the first list's first day", "2018-07-27", []string{"US", "DE"}},
		{"the day before the second list", "2021-08-31", []string{"US", "DE"}},
		{"the second list's first day", "2021-09-01", []string{"US", "DE", "BR"}},
		{"long after", "2030-01-01", []string{"US", "DE", "BR"}},
	}
	for _, c := range cases {
		if got := entry.AirportListOn(lists, c.day); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q; want %q", c.name, got, c.want)
		}
	}
	undated := []entry.AirportList{{Nationalities: []string{"US"}}}
	if got := entry.AirportListOn(undated, "2019-01-01"); !slices.Equal(got, []string{"US"}) {
		t.Errorf("an undated list (the old flat form) applies every day: %q", got)
	}
	if got := entry.AirportListOn(nil, "2019-01-01"); got != nil {
		t.Errorf("no lists: %q", got)
	}
	// BR joins on 2021-09-01: a Brazilian tourist needs a visa the day before.
	br := entry.Request{Destination: "BY", Nationality: "BR", Passport: entry.Ordinary, Purpose: entry.Tourism, StayDays: 5}
	for day, visa := range map[string]bool{"2021-08-31": true, "2021-09-01": false} {
		br.On = day
		d, err := entry.Check(br, nil, entry.AirportListOn(lists, day))
		if err != nil || d.VisaRequired != visa || len(d.Unchecked) != 0 {
			t.Errorf("BR on %s: visa %v, unchecked %q, %v; want visa %v", day, d.VisaRequired, d.Unchecked, err, visa)
		}
	}
}

// TestRuleCitations: every rule cites its source in words a reader can
// follow, none mentions the project's internal notes, a sourced rule links
// to its source with the source's own words, and the rules whose values no
// source gives say they are the mission's configuration.
func TestRuleCitations(t *testing.T) {
	rs := entry.DefaultRules()
	all := []entry.Rule{rs.OwnCountry, rs.VisaBelarus, rs.VisaChina}
	for _, ex := range rs.Exemptions {
		all = append(all, ex.Rule)
	}
	for _, r := range all {
		for _, text := range []string{r.Citation, r.Quote, r.Title} {
			if strings.Contains(text, "REFERENCE") || strings.Contains(text, "shared/") || strings.Contains(text, "sources/0") {
				t.Errorf("%s cites internal notes: %q", r.ID, text)
			}
		}
		if r.Citation == "" || (r.Quote != "") != (r.URL != "") || (r.Quote != "" && r.QuoteLang == "") {
			t.Errorf("%s: citation %q, URL %q, quote %q (%s)", r.ID, r.Citation, r.URL, r.Quote, r.QuoteLang)
		}
	}
	mutual := rs.Exemptions[0]
	if mutual.ID != entry.RuleMutualExemption || mutual.Configured || mutual.URL != "http://www.pravo.by/novosti/novosti-pravo-by/2018/july/29496/" ||
		!strings.Contains(mutual.Quote, "не более 30 дней, но не более 90 дней в календарном году") || mutual.QuoteLang != "ru" {
		t.Errorf("the visa-free rule's citation: %+v", mutual.Rule)
	}
	if mutual.MaxStay != 30 || mutual.MaxPerYear != 90 || !slices.Equal(mutual.Purposes[:3], []entry.Purpose{entry.Private, entry.Business, entry.Tourism}) {
		t.Errorf("the visa-free rule's terms: %+v", mutual)
	}
	airport := rs.Exemptions[1]
	if !airport.Configured || !strings.Contains(airport.Citation, "Decree No. 295, signed 2018-07-24, in force 2018-07-27") {
		t.Errorf("the airport rule: %+v", airport.Rule)
	}
	if !rs.VisaBelarus.Configured {
		t.Error("the Belarusian visa type is the mission's guidance, not a sourced rule")
	}
}
