package casework

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The roles a question may play: which fact of the applicant's identity
// its answer is, as a passport's machine-readable zone states it.
const (
	RoleSurname        = "surname"         // text
	RoleGivenNames     = "given_names"     // text
	RoleBirthDate      = "birth_date"      // date
	RoleSex            = "sex"             // choice of f, m, x
	RoleNationality    = "nationality"     // text (ICAO three-letter code) or choice of codes and "other"
	RoleDocumentNumber = "document_number" // text
	RoleDocumentExpiry = "document_expiry" // date
)

// Roles are the roles in the order a comparison lists them.
var Roles = []string{RoleSurname, RoleGivenNames, RoleBirthDate, RoleSex, RoleNationality, RoleDocumentNumber, RoleDocumentExpiry}

// NationalityOther is the value of a nationality choice that names no
// country: nothing to compare.
const NationalityOther = "other"

// checkRole tells what is wrong with a question's role, given the roles
// of the questions before it; "" when nothing.
func checkRole(q Question, taken map[string]bool) string {
	if !slices.Contains(Roles, q.Role) {
		return fmt.Sprintf("the role %q is not one of %s", q.Role, strings.Join(Roles, ", "))
	}
	if taken[q.Role] {
		return fmt.Sprintf("the role %q is given to two questions", q.Role)
	}
	kinds := map[string][]string{RoleSurname: {KindText}, RoleGivenNames: {KindText}, RoleDocumentNumber: {KindText},
		RoleBirthDate: {KindDate}, RoleDocumentExpiry: {KindDate}, RoleSex: {KindChoice}, RoleNationality: {KindText, KindChoice}}
	if !slices.Contains(kinds[q.Role], q.Kind) {
		return fmt.Sprintf("the role %q needs a question of kind %s", q.Role, strings.Join(kinds[q.Role], " or "))
	}
	for _, c := range q.Choices {
		switch {
		case q.Role == RoleSex && c.Value != "f" && c.Value != "m" && c.Value != "x":
			return "the choices of the sex are f, m and x"
		case q.Role == RoleNationality && c.Value != NationalityOther && !isCountryCode(c.Value):
			return fmt.Sprintf("the nationality %q is neither a three-letter code nor %q", c.Value, NationalityOther)
		}
	}
	return ""
}

// isCountryCode reports whether s is three Latin letters, as ICAO's
// codes of states and nationalities are (BLR, CHN, RUS), in either case.
func isCountryCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Identity is what the answers say of the applicant's identity: the
// answer to each role's question, when it is asked and answered.
func (t CaseType) Identity(a Answers) map[string]IdentityAnswer {
	out := map[string]IdentityAnswer{}
	for _, q := range t.Asked(a) {
		if v := strings.TrimSpace(a[q.ID]); q.Role != "" && v != "" {
			out[q.Role] = IdentityAnswer{Question: q.ID, Value: v}
		}
	}
	return out
}

// IdentityAnswer is the answer of one role: its question and the answer.
type IdentityAnswer struct {
	Question string
	Value    string
}

// Holder names the applicant as an issued document's record does, with
// the least data that identifies them on the paper beside it: the surname
// and the initials of the given names ("Eriksson A. M."), "" when the
// type asks neither.
func (t CaseType) Holder(a Answers) string {
	id := t.Identity(a)
	parts := strings.Fields(id[RoleSurname].Value)
	for _, g := range strings.FieldsFunc(id[RoleGivenNames].Value, func(r rune) bool { return r == ' ' || r == '-' }) {
		first, _ := utf8.DecodeRuneInString(g)
		parts = append(parts, string(unicode.ToUpper(first))+".")
	}
	return strings.Join(parts, " ")
}
