// Package entry answers "Do I need a visa?" for a trip between China and
// Belarus. It applies the recorded visa exemptions (the China–Belarus mutual
// exemption and Belarus's 30-day visa-free entry through Minsk National
// Airport), names the Belarusian visa type when a visa is needed and picks the
// consular fee in force from a dated table. Rules and fees are data that cite
// their legal sources; nothing here reads a clock, a file or a database.
package entry

// Passport is the kind of passport a traveller holds.
type Passport string

// Kinds of passport.
const (
	Ordinary   Passport = "ordinary"
	Service    Passport = "service"
	Diplomatic Passport = "diplomatic"
)

// Purpose is what a trip is for.
type Purpose string

// Purposes of a trip.
const (
	Tourism   Purpose = "tourism"
	Business  Purpose = "business"
	Private   Purpose = "private" // visiting family or friends, personal matters
	Transit   Purpose = "transit"
	Work      Purpose = "work"
	Study     Purpose = "study"
	Residence Purpose = "residence"
)

// Numbers of entries a visa allows.
const (
	Single   = "single"
	Double   = "double"
	Multiple = "multiple"
)

// Belarusian visa types (Visa Rules, Council of Ministers resolution No. 1065
// of 2010-07-15; see REFERENCE.md §2).
const (
	VisaB = "B" // transit
	VisaC = "C" // short stay
	VisaD = "D" // long stay
)

// Destinations the rules know: the two countries of the China–Belarus relationship.
const (
	Belarus = "BY"
	China   = "CN"
)

// Request describes one planned trip: who travels, where to and for how long.
type Request struct {
	Destination      string   // ISO 3166-1 alpha-2 code of the country entered: "BY" or "CN"
	Nationality      string   // ISO 3166-1 alpha-2 code of the passport; "HK", "MO", "TW" count as PRC for fees
	Passport         Passport // ordinary, service or diplomatic
	Purpose          Purpose  // what the trip is for
	StayDays         int      // planned length of this stay in days, 1..3650
	DaysUsedThisYear int      // days already spent in the destination this calendar year, 0..366
	Entries          string   // "single" (the default when empty), "double" or "multiple"
	Urgent           bool     // urgent processing (within 2 working days), which doubles the fee
	On               string   // date of entry, YYYY-MM-DD; the caller puts today's date here when the person gives none
}

// Reason is one sentence a person can read: Key names a message in the
// translation files (listed in MESSAGES.md) and Data fills its placeholders.
type Reason struct {
	Key  string
	Data map[string]any
}

// Rule is a rule that can decide a request, with the legal source it comes from.
// A reader is shown Citation in their language (message "entry.citation.ID"),
// with a link to URL and Quote in the source's own language.
type Rule struct {
	ID         string // stable identifier, e.g. "cn-by-mutual-exemption"
	Title      string // short English title
	Citation   string // the legal source in English, as precise as our sources allow
	URL        string // where the source can be read; "" when none is recorded
	Quote      string // the source's own words, verbatim; "" when none is recorded
	QuoteLang  string // BCP 47 language of Quote, e.g. "ru"
	Configured bool   // the rule's parameters are the mission's configuration, not a sourced rule
}

// Decision is the answer to a Request: whether a visa is needed, the rule that
// decides, the reasons in the order a person should read them, and when a
// Belarusian visa is needed its type and fee.
type Decision struct {
	VisaRequired bool
	Rule         Rule     // the rule that decides
	Reasons      []Reason // why, in order
	VisaType     string   // "B", "C" or "D" when a visa is needed and its type is known
	Fee          *Fee     // the fee row applied, or nil when none is needed or none is in the data
	FeeAmount    string   // the amount to pay: Fee.Amount, doubled when urgent
	FeeCurrency  string   // ISO 4217 code of FeeAmount
	Notes        []Reason // conditions and advice that do not change the answer
	Unchecked    []string // IDs of rules not tried because their data is not configured (for staff, not the public)
}

func reason(key string, data ...any) Reason {
	r := Reason{Key: key}
	if len(data) > 0 {
		r.Data = make(map[string]any, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			r.Data[data[i].(string)] = data[i+1]
		}
	}
	return r
}
