package casework

import "testing"

// TestHolder: an issued document names its holder by surname and the
// initials of the given names, in whatever script they were typed.
func TestHolder(t *testing.T) {
	ct := CaseType{Questions: []Question{{ID: "s", Kind: KindText, Role: RoleSurname}, {ID: "g", Kind: KindText, Role: RoleGivenNames}}}
	for _, c := range []struct {
		answers Answers
		want    string
	}{
		{Answers{"s": "Eriksson", "g": "Anna Maria"}, "Eriksson A. M."},
		{Answers{"s": "Емяльянаў", "g": "аляксандр"}, "Емяльянаў А."},
		{Answers{"s": "Li", "g": "Xiao-Ming"}, "Li X. M."},
		{Answers{"s": " Van  Dijk "}, "Van Dijk"},
		{Answers{}, ""},
	} {
		if got := ct.Holder(c.answers); got != c.want {
			t.Errorf("%v: %q, want %q", c.answers, got, c.want)
		}
	}
}
