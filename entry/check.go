package entry

import (
	"maps"
	"strings"
)

// Check decides req under DefaultRules. fees is the dated fee table (the
// dataset's, dataset/default.yaml) and airportListed the nationalities covered by Belarus's
// 30-day visa-free entry through Minsk National Airport on the day of entry
// (AirportListOn picks them from the dated lists); with none, that rule is
// not tried and the Decision names it in Unchecked. The only errors are
// *chancery.Error values with code EINVALID, from Request.Validate.
func Check(req Request, fees []Fee, airportListed []string) (Decision, error) {
	return DefaultRules().Check(req, fees, airportListed)
}

// Check decides req under rs; see the package-level Check.
func (rs Rules) Check(req Request, fees []Fee, airportListed []string) (Decision, error) {
	req = req.Normalized()
	if err := req.validate(); err != nil {
		return Decision{}, err
	}
	if citizenOf(req.Nationality, req.Destination) {
		return rs.ownCountry(req), nil
	}
	listed := make(map[string]bool, len(airportListed))
	for _, n := range airportListed {
		listed[asciiUpper(strings.TrimSpace(n))] = true
	}

	d := Decision{VisaRequired: true}
	considered := false
	for _, ex := range rs.Exemptions {
		if !ex.covers(req.Nationality, req.Destination, listed) {
			continue
		}
		considered = true
		why := ex.refusals(req)
		if len(why) == 0 {
			return rs.exempt(ex, req), nil
		}
		d.Reasons = append(d.Reasons, why...)
	}
	if !considered {
		d.Reasons = append(d.Reasons, reason("entry.reason.no_exemption",
			"Nationality", req.Nationality, "Destination", req.Destination))
	}
	if req.Passport != Ordinary {
		d.Notes = append(d.Notes, reason("entry.note.official_passport", "Passport", string(req.Passport)))
	}
	if len(listed) == 0 {
		// Not a reason a member of the public can act on: the web layer
		// tells staff, who can configure the list.
		for _, ex := range rs.Exemptions {
			for _, rt := range ex.Routes {
				if rt.Nationality == AnyListed && rt.Destination == req.Destination && !contains(d.Unchecked, ex.ID) {
					d.Unchecked = append(d.Unchecked, ex.ID)
				}
			}
		}
	}

	switch req.Destination {
	case China:
		d.Rule = rs.VisaChina
		d.Reasons = append(d.Reasons, reason("entry.reason.visa_china"))
		d.Notes = append(d.Notes, reason("entry.note.china_visa_not_in_data"))
	case Belarus:
		d.Rule = rs.VisaBelarus
		var why Reason
		d.VisaType, why = rs.visaType(req)
		d.Reasons = append(d.Reasons, why)
		d.Notes = append(d.Notes, applyFee(&d, req, fees)...)
	}
	return d, nil
}

// ownCountry is the decision for a citizen entering their own country.
func (rs Rules) ownCountry(req Request) Decision {
	d := Decision{Rule: rs.OwnCountry}
	if req.Nationality == req.Destination {
		d.Reasons = []Reason{reason("entry.reason.own_country",
			"Nationality", req.Nationality, "Destination", req.Destination)}
		return d
	}
	// Residents of Hong Kong, Macao and Taiwan are PRC citizens in our
	// sources, but they enter the mainland on a travel permit, not a visa.
	d.Reasons = []Reason{reason("entry.reason.own_country_region", "Nationality", req.Nationality)}
	d.Notes = []Reason{reason("entry.note.travel_permit", "Nationality", req.Nationality)}
	return d
}

// exempt is the decision when exemption ex covers the trip.
func (rs Rules) exempt(ex Exemption, req Request) Decision {
	d := Decision{Rule: ex.Rule, Reasons: ex.grants(req)}
	if req.Purpose == Transit {
		d.Notes = append(d.Notes, reason("entry.note.transit_counts", "Rule", ex.ID))
	}
	for _, c := range ex.Conditions {
		d.Notes = append(d.Notes, Reason{Key: c.Key, Data: maps.Clone(c.Data)})
	}
	return d
}

// visaType names the Belarusian visa a trip needs and says why. Only
// transit (type B) follows from the visa types themselves; the rest is the
// mission's guidance (Rules.ShortStayMax, Rules.LongStayPurposes), and its
// reasons say so.
func (rs Rules) visaType(req Request) (string, Reason) {
	switch {
	case req.Purpose == Transit:
		return VisaB, reason("entry.reason.visa_type_b")
	case contains(rs.LongStayPurposes, req.Purpose):
		return VisaD, reason("entry.reason.visa_type_d_purpose_configured", "Purpose", string(req.Purpose))
	case rs.ShortStayMax > 0 && req.StayDays > rs.ShortStayMax:
		return VisaD, reason("entry.reason.visa_type_d_stay_configured", "StayDays", req.StayDays, "ShortStayMax", rs.ShortStayMax)
	}
	return VisaC, reason("entry.reason.visa_type_c_configured", "StayDays", req.StayDays, "ShortStayMax", rs.ShortStayMax)
}

// applyFee fills the fee fields of d from the table and returns the notes that tell it.
func applyFee(d *Decision, req Request, fees []Fee) []Reason {
	f := FindFee(fees, req.Destination, req.Nationality, d.VisaType, req.Entries, req.On)
	if f == nil {
		return []Reason{reason("entry.note.fee_not_in_data", "VisaType", d.VisaType, "Entries", req.Entries, "On", req.On)}
	}
	amount := f.Amount
	if req.Urgent {
		amount, _ = doubleDecimal(f.Amount) // FindFee returns only rows that pass ValidateFee
	}
	d.Fee, d.FeeAmount, d.FeeCurrency = f, amount, f.Currency
	var notes []Reason
	if isZeroDecimal(f.Amount) {
		notes = append(notes, reason("entry.note.fee_free", "Nationality", req.Nationality, "VisaType", d.VisaType))
	} else {
		notes = append(notes, reason("entry.note.fee", "VisaType", d.VisaType, "Amount", f.Amount, "Currency", f.Currency))
	}
	if !f.Sourced() {
		notes = append(notes, reason("entry.note.fee_set_by_mission"))
	}
	if req.Urgent {
		notes = append(notes, reason("entry.note.fee_urgent", "Base", f.Amount, "Amount", amount, "Currency", f.Currency))
	}
	return notes
}

// citizenOf reports whether a passport of nationality is one of destination's
// own citizens, counting Hong Kong, Macao and Taiwan as PRC as the Embassy's
// visa tariff does (TariffURL).
func citizenOf(nationality, destination string) bool {
	if nationality == destination {
		return true
	}
	return destination == China && ApplicantGroup(nationality) == ApplicantPRC
}

// AirportList is the nationalities covered by Belarus's visa-free entry
// through Minsk National Airport from one day on, until the next list's.
// The list changes by decree (74 countries from 2018, 76 from 2021-09), so
// it is kept as dated versions the mission configures.
type AirportList struct {
	From          string   // first day of entry it covers, YYYY-MM-DD; "" = no date recorded (every day)
	Nationalities []string // ISO 3166-1 alpha-2 codes
}

// AirportListOn returns the nationalities of the list in force on day
// (YYYY-MM-DD): the one with the latest From not after day. None means no
// list is configured for that day.
func AirportListOn(lists []AirportList, day string) []string {
	var best *AirportList
	for i := range lists {
		l := &lists[i]
		if l.From <= day && (best == nil || l.From > best.From) {
			best = l
		}
	}
	if best == nil {
		return nil
	}
	return best.Nationalities
}
