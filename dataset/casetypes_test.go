package dataset

import (
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/casework"
)

// TestCaseTypes: the default case types load and pass their own check;
// Chongqing has the case types REFERENCE.md §3 lists for a Belarusian
// mission since Decree No. 278, and none for passports; each needs an
// appointment of a service the mission has; only the visa fee rests on a
// source (the fee table), the others are set by the mission.
func TestCaseTypes(t *testing.T) {
	types, err := CaseTypes()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	services := map[string]bool{}
	for _, m := range ds.Missions {
		if m.Appointments != nil {
			for _, s := range m.Appointments.Services {
				services[s.ID] = true
			}
		}
	}
	var ids []string
	for _, ct := range types {
		ids = append(ids, ct.ID)
		if ct.Mission != "by-cg-chongqing" || ct.Version != 1 {
			t.Errorf("%s: mission %q version %d", ct.ID, ct.Mission, ct.Version)
		}
		if ct.Appointment != "" && !services[ct.Appointment] {
			t.Errorf("%s needs an appointment of %q, which no mission offers", ct.ID, ct.Appointment)
		}
		if strings.Contains(strings.ToLower(ct.Name["en"]), "passport") {
			t.Errorf("%s: Belarusian missions issue no passports since 2023-09-07", ct.ID)
		}
		// A refusal letter gives its reasons and what the applicant can do
		// about it: a type that names reasons says how to appeal.
		if len(ct.Refusals) > 0 && ct.Appeal["en"] == "" {
			t.Errorf("%s: refusals without how to appeal", ct.ID)
		}
		if (ct.ID == "visa") != ct.Fee.Sourced() {
			t.Errorf("%s: fee %+v", ct.ID, ct.Fee)
		}
	}
	want := []string{"visa", "return-certificate", "consular-registration", "birth-registration", "notarial-act"}
	if !slices.Equal(ids, want) {
		t.Errorf("case types %v, want %v", ids, want)
	}
	// Every type asks who the applicant is, with the roles the desk
	// compares with the passport's machine-readable zone; a citizen who
	// lost the passport need not know its number.
	for _, ct := range types {
		roles := map[string]casework.Question{}
		for _, q := range ct.Questions {
			if q.Role != "" {
				roles[q.Role] = q
			}
		}
		for _, need := range []string{casework.RoleSurname, casework.RoleGivenNames, casework.RoleBirthDate, casework.RoleDocumentNumber} {
			if _, ok := roles[need]; !ok {
				t.Errorf("%s asks no %s", ct.ID, need)
			}
		}
		if q := roles[casework.RoleDocumentNumber]; q.Optional != (ct.ID == "return-certificate") {
			t.Errorf("%s: the document number is optional: %v", ct.ID, q.Optional)
		}
	}
	// The visa application asks for entries only of B and C visas.
	visa := types[0]
	if q := visa.Asked(casework.Answers{"visa_type": "d"}); slices.ContainsFunc(q, func(q casework.Question) bool { return q.ID == "entries" }) {
		t.Error("a D visa is asked its entries")
	}
}

// TestCaseTypesFileFaults: a file with a fault is refused with every
// fault named.
func TestCaseTypesFileFaults(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"not YAML", "case_types: [", "case types"},
		{"an unknown field", "case_types:\n  - id: x\n    colour: red\n", "unknown field"},
		{"faults", "case_types:\n  - id: X\n    mission: m\n", "an id is lower-case"},
	} {
		_, err := parseCaseTypes([]byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
