package mrz_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mrz"
)

// FuzzParse: Parse never panics; it refuses with an EINVALID error naming
// a line and position, or it returns a document whose fields re-check as
// its checks say. Seeds are in testdata/fuzz/FuzzParse besides these.
func FuzzParse(f *testing.F) {
	for _, s := range []string{td3Line1 + "\n" + td3Line2, td1, td1Long, td2, mrvA, mrvB, "", "\r\n", td3Line1} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := mrz.Parse(text, today)
		if err != nil {
			var e *chancery.Error
			if !errors.As(err, &e) || e.Code != chancery.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			line, _ := e.Data["Line"].(int)
			pos, _ := e.Data["Position"].(int)
			if line < 1 || line > 4 || pos < 1 {
				t.Fatalf("error %v names line %v, position %v", err, e.Data["Line"], e.Data["Position"])
			}
			return
		}
		again, err := mrz.Parse(strings.ToLower(text), today)
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Fatalf("the zone in lower case reads otherwise: %+v, %v", again, err)
		}
		valid := true
		for _, c := range d.Checks {
			valid = valid && c.Valid
			if c.Valid && c.Digit != c.Expected && c.Digit != "<" {
				t.Fatalf("check %+v is valid with another digit", c)
			}
			if want := recheck(d, c.Field); want != "" && c.Expected != want {
				t.Fatalf("check %+v: the field as returned gives %s", c, want)
			}
		}
		if valid != d.Valid {
			t.Fatalf("Valid %v with checks %+v", d.Valid, d.Checks)
		}
		for _, date := range []string{d.BirthDate, d.ExpiryDate} {
			if _, err := time.Parse(time.DateOnly, date); date != "" && err != nil {
				t.Fatalf("date %q: %v", date, err)
			}
		}
		if b, err := time.Parse(time.DateOnly, d.BirthDate); err == nil && b.After(today) {
			t.Fatalf("born %s, after today", d.BirthDate)
		}
		for _, s := range []string{d.Surname, d.GivenNames} {
			if strings.Contains(s, "<") || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
				t.Fatalf("name %q keeps fillers", s)
			}
		}
	})
}

// recheck is the check digit of field as d returns it, "" for the
// composite, which covers more than the fields.
func recheck(d mrz.Document, field string) string {
	var covered string
	switch field {
	case mrz.FieldDocumentNumber:
		covered = d.DocumentNumber
	case mrz.FieldPersonalNumber:
		covered = d.PersonalNumber
	case mrz.FieldBirthDate, mrz.FieldExpiryDate:
		date := d.BirthDate
		if field == mrz.FieldExpiryDate {
			date = d.ExpiryDate
		}
		if date == "" {
			return ""
		}
		covered = date[2:4] + date[5:7] + date[8:10]
	default:
		return ""
	}
	return string(mrz.CheckDigit(covered))
}
