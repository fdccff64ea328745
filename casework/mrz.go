package casework

import (
	"strings"
	"unicode"

	"github.com/chancery-platform/chancery/mrz"
	"github.com/chancery-platform/chancery/names"
	"golang.org/x/text/unicode/norm"
)

// Mismatch is one fact of the applicant's identity that the answers and
// the machine-readable zone state differently: the role (Field), the
// question answered, what was typed and what the zone says ("" when it
// says nothing there, or nothing readable). A person judges it.
type Mismatch struct {
	Field    string `json:"field"`
	Question string `json:"question"`
	Typed    string `json:"typed"`
	MRZ      string `json:"mrz"`
}

// CompareMRZ compares the identity the answers give (the questions with
// a role, asked and answered) with what a machine-readable zone says, and
// lists every difference, in the order of Roles. An unanswered question
// is no difference (Lacks names it); a check digit that fails is not its
// business (the Document says so).
//
// Numbers are compared without spaces, hyphens and fillers, in capitals;
// dates as YYYY-MM-DD; the sex and the nationality as codes (a choice of
// "other" is not compared). A name matches when the zone's, read without
// fillers, spaces, hyphens and apostrophes, equals the typed name so read
// after it is written in Latin letters as a Belarusian passport
// (names.BelarusianPassport) or a Russian one (names.RussianPassport)
// would write it, or as typed when it is Latin already (accents dropped);
// or when the zone's name is a full name field cut short and the typed
// name begins with it; or, for a name typed in Cyrillic, when both have
// the same names.Key, since a passport may carry the spelling its holder
// uses (YEMELYANAU for Емяльянаў, which the passport table writes
// EMIALIANAU). A name typed in Latin letters is compared letter for
// letter: Ericsson is not ERIKSSON.
func CompareMRZ(t CaseType, answers Answers, d mrz.Document) []Mismatch {
	id := t.Identity(answers)
	var out []Mismatch
	for _, role := range Roles {
		a, ok := id[role]
		if !ok {
			continue
		}
		var zone string
		var same bool
		switch role {
		case RoleSurname:
			zone = d.Surname
			same = sameName(a.Value, zone, nameCut(d))
		case RoleGivenNames:
			zone = d.GivenNames
			same = sameName(a.Value, zone, nameCut(d))
		case RoleBirthDate:
			zone = d.BirthDate
			same = a.Value == zone
		case RoleDocumentExpiry:
			zone = d.ExpiryDate
			same = a.Value == zone
		case RoleSex:
			zone = d.Sex
			same = strings.EqualFold(a.Value, zone)
		case RoleNationality:
			zone = d.Nationality
			same = a.Value == NationalityOther || strings.EqualFold(a.Value, zone)
		case RoleDocumentNumber:
			zone = d.DocumentNumber
			same = documentNumber(a.Value) == documentNumber(zone)
		}
		if !same {
			out = append(out, Mismatch{Field: role, Question: a.Question, Typed: a.Value, MRZ: zone})
		}
	}
	return out
}

// documentNumber is a document number as a zone writes it: capitals and
// digits, without the spaces, hyphens and fillers people and zones put in
// it; "" when it holds anything else.
func documentNumber(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '<':
		default:
			return ""
		}
	}
	return b.String()
}

// nameFields is how long the name field of each layout is.
var nameFields = map[mrz.Format]int{mrz.TD1: 30, mrz.TD2: 31, mrz.TD3: 39, mrz.MRVA: 39, mrz.MRVB: 31}

// nameCut reports whether the zone's name fills its field, and so may
// have been cut short (ICAO Doc 9303 truncates long names).
func nameCut(d mrz.Document) bool {
	n := len(d.Surname)
	if d.GivenNames != "" {
		n += 2 + len(d.GivenNames)
	}
	return n >= nameFields[d.Format]
}

// sameName reports whether a typed name is the zone's (see CompareMRZ).
func sameName(typed, zone string, cut bool) bool {
	z := zoneLetters(zone)
	for _, latin := range []string{names.BelarusianPassport(typed), names.RussianPassport(typed), typed} {
		l := zoneLetters(latin)
		if l != "" && (l == z || cut && z != "" && strings.HasPrefix(l, z)) {
			return true
		}
	}
	if !strings.ContainsFunc(typed, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		return false // typed in Latin letters, as the passport writes it: letter for letter
	}
	k := names.Key(typed)
	return k != "" && k == names.Key(zone)
}

// zoneLetters is a name as the letters a zone compares: capitals without
// accents, spaces, hyphens, apostrophes and fillers; "" when a letter is
// left that is not A to Z (a Chinese name, which no table transliterates).
func zoneLetters(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToUpper(s)) {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r), unicode.IsSpace(r), r == '-', r == '<', r == '\'', r == '’', r == 'ʼ', r == '.':
		default:
			return ""
		}
	}
	return b.String()
}
