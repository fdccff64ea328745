package entry_test

import (
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/entry"
)

// FuzzCheck feeds Validate and Check arbitrary requests: they must never
// panic, must fail only with EINVALID, and must agree with each other.
func FuzzCheck(f *testing.F) {
	f.Add("BY", "CN", "ordinary", "tourism", 30, 60, "single", false, "2025-06-01")
	f.Add("cn", "by", "Diplomatic", "work", 31, 0, "", true, "2018-08-09")
	f.Add("BY", "us", "service", "transit", 3650, 366, "multiple", true, "2018-07-27")
	f.Add("CN", "HK", "ordinary", "study", 1, -1, "double", false, "2024-02-29")
	f.Add("", "\u212Ay", "", "", 0, 0, "", false, "")
	fees := feeTable(f)
	f.Fuzz(func(t *testing.T, dest, nat, pass, purpose string, stay, usedDays int, entries string, urgent bool, day string) {
		req := entry.Request{Destination: dest, Nationality: nat, Passport: entry.Passport(pass), Purpose: entry.Purpose(purpose),
			StayDays: stay, DaysUsedThisYear: usedDays, Entries: entries, Urgent: urgent, On: day}
		verr := req.Validate()
		d, err := entry.Check(req, fees, []string{nat, "US"})
		if (verr == nil) != (err == nil) {
			t.Fatalf("Validate %v but Check %v", verr, err)
		}
		if err != nil {
			if code := chancery.ErrorCode(err); code != chancery.EINVALID {
				t.Fatalf("error code %s (%v); want %s", code, err, chancery.EINVALID)
			}
			return
		}
		if d.Rule.ID == "" || len(d.Reasons) == 0 {
			t.Fatalf("decision without a rule or reasons: %+v", d)
		}
		if (d.Fee == nil) != (d.FeeAmount == "") || (d.Fee != nil && !d.VisaRequired) {
			t.Fatalf("inconsistent fee: %+v", d)
		}
		if d.VisaType != "" && !d.VisaRequired {
			t.Fatalf("visa type without a visa: %+v", d)
		}
		checkDecision(t, d)
	})
}
