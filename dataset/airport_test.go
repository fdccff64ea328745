package dataset_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
)

// TestAirportLists covers the visa_free_airport section: dated lists, the
// old flat form (one list without a date) and the mistakes refused.
func TestAirportLists(t *testing.T) {
	parse := func(section string) (*dataset.Dataset, error) {
		if !bytes.Contains(dataset.DefaultBytes(), []byte("\nvisa_free_airport: []\n")) {
			t.Fatal("the default dataset no longer has an empty visa_free_airport section")
		}
		raw := bytes.Replace(dataset.DefaultBytes(), []byte("\nvisa_free_airport: []\n"), []byte("\n"+section+"\n"), 1)
		return dataset.Parse(bytes.NewReader(raw))
	}
	cases := []struct {
		name, section string
		want          []dataset.AirportList
		problem       string // part of the error; "" when the section is good
	}{
		{"empty", "visa_free_airport: []", []dataset.AirportList{}, ""},
		{"dated lists", "visa_free_airport:\n  - {from: \"2018-07-27\", nationalities: [US, DE]}\n  - {from: \"2021-09-01\", nationalities: [US, DE, BR]}",
			[]dataset.AirportList{{From: "2018-07-27", Nationalities: []string{"US", "DE"}}, {From: "2021-09-01", Nationalities: []string{"US", "DE", "BR"}}}, ""},
		{"the old flat form", "visa_free_airport: [US, DE]", []dataset.AirportList{{Nationalities: []string{"US", "DE"}}}, ""},
		{"a list without a date", "visa_free_airport:\n  - {nationalities: [US]}", nil, "visa_free_airport[0]: from must be a date"},
		{"not a day", "visa_free_airport:\n  - {from: \"2018-02-30\", nationalities: [US]}", nil, "from must be a date"},
		{"two lists from one day", "visa_free_airport:\n  - {from: \"2018-07-27\", nationalities: [US]}\n  - {from: \"2018-07-27\", nationalities: [DE]}", nil, "a second list from 2018-07-27"},
		{"a code twice in a list", "visa_free_airport:\n  - {from: \"2018-07-27\", nationalities: [US, US]}", nil, "visa_free_airport[0].nationalities[1]: not a new ISO 3166-1"},
		{"a lower-case code in the flat form", "visa_free_airport: [US, de]", nil, "visa_free_airport[1]: not a new ISO 3166-1"},
	}
	raw := bytes.Replace(dataset.DefaultBytes(), []byte("\nvisa_free_airport: []\n"), []byte("\n"), 1)
	if ds, err := dataset.Parse(bytes.NewReader(raw)); err != nil || ds.VisaFreeAirport != nil {
		t.Errorf("a file without the section (which leaves the stored lists alone): %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := parse(c.section)
			if c.problem != "" {
				if err == nil || !strings.Contains(err.Error(), c.problem) {
					t.Fatalf("error %v; want one saying %q", err, c.problem)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(ds.VisaFreeAirport, c.want) {
				t.Fatalf("%+v %v; want %+v", ds.VisaFreeAirport, err, c.want)
			}
		})
	}
}

// TestShippedFeesSourced: every fee the default dataset ships cites the
// Embassy in China's tariff page, in USD, and the unsourced EU and "other"
// rows of earlier versions are gone. A row with source "" parses (a fee
// the mission sets itself).
func TestShippedFeesSourced(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range ds.Fees {
		if f.Source != "by-embassy-cn-fee-tariff" || f.Currency != "USD" || (f.Applicant != "PRC" && f.Applicant != "RS" && f.Applicant != "JP") {
			t.Errorf("fees[%d] = %+v", i, f)
		}
		if (f.Applicant == "RS" || f.Applicant == "JP") && f.Amount != "0" {
			t.Errorf("fees[%d]: Serbia and Japan are free per the tariff: %+v", i, f)
		}
	}
	var tariff bool
	for _, s := range ds.Sources {
		if s.ID == "by-embassy-cn-fee-tariff" {
			tariff = s.URL == "http://china.mfa.gov.by/ru/consular_issues/visaquestion/tarif/" && s.Language == "ru" && s.Published == "" &&
				strings.Contains(s.Note["en"], "Гражданам Сербии и Японии визы оформляются бесплатно") && !strings.Contains(s.Note["en"], "REFERENCE")
		}
	}
	if !tariff {
		t.Error("the tariff source lacks its URL, language or quotes")
	}
	row := `  - {destination: BY, applicant: other, visa_type: C, entries: "", amount: "60", currency: EUR, valid_from: "2018-08-10", source: ""}` + "\n"
	raw := bytes.Replace(dataset.DefaultBytes(), []byte("\nfees:\n"), []byte("\nfees:\n"+row), 1)
	ds, err = dataset.Parse(bytes.NewReader(raw))
	if err != nil || ds.Fees[0].Source != "" || ds.Fees[0].Amount != "60" {
		t.Fatalf("a fee set by the mission: %v", err)
	}
}
