package dataset_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/dataset"
)

func TestDefaultDatasetIsValidAndCited(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ds.Missions {
		if len(m.Citations) == 0 {
			t.Errorf("%s: every mission's facts must cite a source", m.ID)
		}
	}
	if len(ds.Fees) == 0 {
		t.Error("the default dataset carries the visa fee table")
	}
}

func TestAnotherCountryByDataAlone(t *testing.T) {
	ds := parseTestdata(t, "hungary.yaml")
	if len(ds.Missions) != 2 || ds.Missions[1].Country != "HU" {
		t.Fatalf("missions %+v", ds.Missions)
	}
}

func TestParseRejectsBadFiles(t *testing.T) {
	good := string(dataset.DefaultBytes())
	rejects(t, good, []badFile{
		{"empty file", "", ""},
		{"not YAML", "{{{", ""},
		{"unknown field", strings.Replace(good, "version:", "colour: red\nversion:", 1), ""},
		{"no version", regexp.MustCompile(`(?m)^version: "[^"]*"$`).ReplaceAllString(good, ""), "version"},
		{"unknown source", strings.Replace(good, "- source: ichongqing-2021-02-01\n        quote: \"The consulate area", "- source: nowhere\n        quote: \"The consulate area", 1), "claims"},
		{"English name instead of a code", strings.Replace(good, "{subdivision: CN-SC,", "{subdivision: Sichuan,", 1), "district"},
		{"code that does not exist", strings.Replace(good, "{subdivision: CN-SC,", "{subdivision: CN-ZZ,", 1), "district"},
		{"impossible date", strings.Replace(good, `opened_on: "2021-01-28"`, `opened_on: "2021-02-30"`, 1), "missions"},
		{"unknown time zone", strings.Replace(good, "time_zone: Asia/Hong_Kong", "time_zone: Asia/Atlantis", 1), "missions"},
		{"currency outside ISO 4217 shape", strings.Replace(good, "currency: USD", "currency: dollars", 1), "fees"},
		{"negative fee", strings.Replace(good, `amount: "30"`, `amount: "-30"`, 1), "fees"},
		{"duplicate mission", strings.Replace(good, "  - id: by-cg-shanghai", "  - id: by-cg-guangzhou", 1), "missions"},
	})
}

// badFile is a dataset file that must be rejected, and where the error
// must say the problem is.
type badFile struct {
	name  string
	file  string
	where string
}

// rejects checks that each bad file is refused as invalid, naming where.
func rejects(t *testing.T, good string, cases []badFile) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.file == good {
				t.Fatal("the case does not change the file")
			}
			_, err := dataset.Parse(strings.NewReader(c.file))
			var e *chancery.Error
			if !errors.As(err, &e) || e.Code != chancery.EINVALID {
				t.Fatalf("want an invalid-dataset error, got %v", err)
			}
			if !strings.Contains(e.Detail, c.where) {
				t.Errorf("error %q does not say where (%s)", e.Detail, c.where)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(dataset.DefaultBytes())
	f.Add([]byte("version: x\nmissions: [{id: a}]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := dataset.Parse(strings.NewReader(string(b)))
		if err != nil {
			code := chancery.ErrorCode(err)
			if code != chancery.EINVALID && code != chancery.ETOOLARGE {
				t.Fatalf("error with code %s: %v", code, err)
			}
		}
	})
}
