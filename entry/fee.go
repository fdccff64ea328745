package entry

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Fee is one row of a dated consular fee table. Fees are data loaded with
// their source, never constants in code.
type Fee struct {
	Destination string // country whose visa it is, e.g. "BY"
	Applicant   string // ApplicantPRC, ApplicantEU, ApplicantOther, or one nationality such as "RS"
	VisaType    string // "B", "C" or "D"
	Entries     string // "single", "double", "multiple", or "" for any
	Amount      string // non-negative decimal as text, e.g. "30", "0", "22.50"
	Currency    string // ISO 4217 code, e.g. "USD"
	ValidFrom   string // first day in force, YYYY-MM-DD
	ValidTo     string // last day in force, YYYY-MM-DD; "" = still in force
	Source      string // id of the source the figure comes from; "" = set by the mission, no source
}

// Sourced reports whether the fee cites a source; a fee that does not is the
// mission's own setting and is shown as such, never as sourced.
func (f Fee) Sourced() bool { return strings.TrimSpace(f.Source) != "" }

// Applicant groups a fee table may use. The Embassy in China's tariff
// (TariffURL) names PRC citizens, residents of Hong Kong, Macao and
// Taiwan included; EU and other are groups a mission may set fees for.
const (
	ApplicantPRC   = "PRC"   // citizens of the PRC, Hong Kong, Macao and Taiwan included
	ApplicantEU    = "EU"    // citizens of a member state of the European Union
	ApplicantOther = "other" // everyone else
)

// euMembers are the 27 member states of the European Union (ISO 3166-1
// alpha-2; Greece is GR). This is geography, not fee data.
var euMembers = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "DK": true,
	"EE": true, "FI": true, "FR": true, "DE": true, "GR": true, "HU": true, "IE": true,
	"IT": true, "LV": true, "LT": true, "LU": true, "MT": true, "NL": true, "PL": true,
	"PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
}

// ApplicantGroup returns the fee-tariff group of a nationality (ISO 3166-1
// alpha-2, capitals): ApplicantPRC, ApplicantEU or ApplicantOther.
func ApplicantGroup(nationality string) string {
	switch {
	case nationality == "CN" || nationality == "HK" || nationality == "MO" || nationality == "TW":
		return ApplicantPRC
	case euMembers[nationality]:
		return ApplicantEU
	}
	return ApplicantOther
}

// FindFee returns the row of fees in force on day (YYYY-MM-DD) for a visa of
// visaType with entries, issued by destination to a citizen of nationality,
// or nil when the table has none. A row for the nationality itself wins over
// its group's, a row for the exact number of entries over one for any, and a
// later ValidFrom over an earlier one. Rows that fail ValidateFee are ignored.
func FindFee(fees []Fee, destination, nationality, visaType, entries, day string) *Fee {
	applicants := []string{nationality, ApplicantGroup(nationality)}
	var best *Fee
	bestRank := 0
	for i := range fees {
		f := &fees[i]
		if f.Destination != destination || f.VisaType != visaType || f.ValidFrom > day ||
			(f.ValidTo != "" && f.ValidTo < day) || (f.Entries != "" && f.Entries != entries) {
			continue
		}
		rank := 0
		switch f.Applicant {
		case applicants[0]:
			rank = 4
		case applicants[1]:
			rank = 2
		default:
			continue
		}
		if f.Entries != "" {
			rank++
		}
		if ValidateFee(*f) != nil {
			continue
		}
		if best == nil || rank > bestRank || (rank == bestRank && f.ValidFrom > best.ValidFrom) {
			best, bestRank = f, rank
		}
	}
	if best == nil {
		return nil
	}
	found := *best
	return &found
}

// ValidateFee reports the first problem with a fee row, as a *chancery.Error
// with code EINVALID, so an importer can reject bad rows before they are used.
func ValidateFee(f Fee) error {
	switch {
	case !validCountry(f.Destination):
		return invalid("error.fee_destination_invalid", "Destination", echo(f.Destination))
	case !validApplicant(f.Applicant):
		return invalid("error.fee_applicant_invalid", "Applicant", echo(f.Applicant))
	case f.VisaType != VisaB && f.VisaType != VisaC && f.VisaType != VisaD:
		return invalid("error.fee_visa_type_unknown", "VisaType", echo(f.VisaType))
	case f.Entries != "" && !validEntries(f.Entries):
		return invalid("error.entries_unknown", "Entries", echo(f.Entries))
	case !validDecimal(f.Amount):
		return invalid("error.fee_amount_invalid", "Amount", echo(f.Amount))
	case !validCurrency(f.Currency):
		return invalid("error.fee_currency_invalid", "Currency", echo(f.Currency))
	case !validDay(f.ValidFrom):
		return invalid("error.fee_date_invalid", "Field", "valid_from", "Date", echo(f.ValidFrom))
	case f.ValidTo != "" && !validDay(f.ValidTo):
		return invalid("error.fee_date_invalid", "Field", "valid_to", "Date", echo(f.ValidTo))
	case f.ValidTo != "" && f.ValidTo < f.ValidFrom:
		return invalid("error.fee_dates_reversed", "ValidFrom", f.ValidFrom, "ValidTo", f.ValidTo)
	case !utf8.ValidString(f.Source) || utf8.RuneCountInString(f.Source) > maxSource || f.Source != strings.TrimSpace(f.Source):
		return invalid("error.fee_source_invalid", "Max", maxSource)
	}
	return nil
}

const maxSource = 1000

func validApplicant(a string) bool {
	return a == ApplicantPRC || a == ApplicantEU || a == ApplicantOther || validCountry(a)
}

func validCurrency(c string) bool {
	return len(c) == 3 && isUpper(c[0]) && isUpper(c[1]) && isUpper(c[2])
}

// ValidateFees reports the first problem with a fee table: a row that
// fails ValidateFee, or two rows for the same destination, applicant, visa
// type and entries in force on the same day, between which FindFee could
// not choose. Rows are named by their position in fees, from 1; the error
// is a *chancery.Error with code EINVALID, naming the later row and the
// first day both are in force.
func ValidateFees(fees []Fee) error {
	for i, f := range fees {
		if err := ValidateFee(f); err != nil {
			return err
		}
		for j, g := range fees[:i] {
			if f.Destination == g.Destination && f.Applicant == g.Applicant && f.VisaType == g.VisaType &&
				f.Entries == g.Entries && overlap(f, g) {
				day := max(f.ValidFrom, g.ValidFrom)
				e := chancery.Errorf(chancery.EINVALID, "error.fee_overlap", "Row", i+1, "Other", j+1, "Applicant", f.Applicant,
					"VisaType", f.VisaType, "Day", day, "Amount", echo(f.Amount), "Currency", f.Currency)
				e.Detail = fmt.Sprintf("fee rows %d and %d (%s %s visa %s) are both in force on %s", j+1, i+1, f.Destination, f.Applicant, f.VisaType, day)
				return e
			}
		}
	}
	return nil
}

// overlap reports whether two rows are both in force on some day.
func overlap(f, g Fee) bool {
	return (f.ValidTo == "" || g.ValidFrom <= f.ValidTo) && (g.ValidTo == "" || f.ValidFrom <= g.ValidTo)
}

// CommonFee is the fee a start page shows first, before its full table: a
// short-stay visa (C) with a single entry issued by destination to a
// citizen of host, the country the mission is in. nil when the table has
// no such row on day.
func CommonFee(fees []Fee, destination, host, day string) *Fee {
	return FindFee(fees, destination, host, VisaC, Single, day)
}
