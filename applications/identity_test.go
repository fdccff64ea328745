package applications_test

import (
	"errors"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/dataset"
)

// TestIdentityCheck: the desk's comparison of a zone typed at the counter
// with an application of the default visa type lists each difference
// with its question; a malformed zone is refused naming the field, the
// line and the position.
func TestIdentityCheck(t *testing.T) {
	types, err := dataset.CaseTypes()
	if err != nil {
		t.Fatal(err)
	}
	visa := types[0]
	a := casework.Application{Answers: casework.Answers{"surname": "Eriksson", "given_names": "Anna Maria", "date_of_birth": "1974-08-12",
		"sex": "f", "nationality": "UTO", "passport_number": "L898902C4", "passport_expiry": "2012-04-15"}}
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	zone := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	d, mismatches, err := applications.IdentityCheck(visa, a, zone, today)
	if err != nil || !d.Valid {
		t.Fatalf("%v %+v", err, d)
	}
	if len(mismatches) != 1 || mismatches[0] != (casework.Mismatch{Field: casework.RoleDocumentNumber, Question: "passport_number", Typed: "L898902C4", MRZ: "L898902C3"}) {
		t.Errorf("differences: %+v", mismatches)
	}
	_, _, err = applications.IdentityCheck(visa, a, zone[:50], today)
	var e *chancery.Error
	if !errors.As(err, &e) || e.Data["Field"] != "mrz" || e.Data["Line"] != 2 || e.Data["Position"] == nil {
		t.Errorf("a zone cut short: %v %+v", err, e)
	}
}
