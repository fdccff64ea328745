package entry

// AnyListed, as a Route's Nationality, stands for every nationality in the
// list passed to Check: the countries of Belarus's airport visa-free entry
// change over time and are not in our sources, so that list is dated data
// the mission configures (see AirportList).
const AnyListed = "*"

// Route is a nationality entering a destination, both ISO 3166-1 alpha-2 codes.
type Route struct {
	Nationality string // or AnyListed
	Destination string
}

// Exemption is a rule under which a trip needs no visa. Its parameters are
// data, so a change in the law is a change here and not in the code.
type Exemption struct {
	Rule
	Routes     []Route    // who may enter where
	Passports  []Passport // passports covered
	Purposes   []Purpose  // purposes covered; any other purpose needs a visa
	MaxStay    int        // longest single stay, in days
	MaxPerYear int        // most days in the destination per calendar year, this stay included; 0 = no limit recorded
	InForce    string     // first day of entry covered, YYYY-MM-DD
	Until      string     // last day of entry covered, YYYY-MM-DD; "" = still in force
	Conditions []Reason   // what the traveller must also meet, told as notes when the exemption applies
}

// Rules is everything Check decides with. DefaultRules builds it from the
// legal sources (summarised in the project's REFERENCE.md §2).
type Rules struct {
	Exemptions  []Exemption // tried in order; the first that covers the trip decides
	OwnCountry  Rule        // a citizen entering the country of their nationality
	VisaBelarus Rule        // no exemption covers a trip to Belarus
	VisaChina   Rule        // no exemption covers a trip to China; Chinese visa types and fees are not in our data

	// Which Belarusian visa type to apply for is the mission's guidance:
	// no source we hold gives a day limit for a C visa or says which
	// purposes need a D visa, so these are configuration, and the reasons
	// that use them say so.
	ShortStayMax     int       // longest stay, in days, the mission sends to a C visa; longer stays to a D visa
	LongStayPurposes []Purpose // purposes the mission sends to a D visa whatever the length of stay
}

// Rule identifiers of DefaultRules.
const (
	RuleMutualExemption = "cn-by-mutual-exemption"
	RuleAirportEntry    = "by-airport-visa-free"
	RuleOwnCountry      = "own-country"
	RuleVisaBelarus     = "by-visa"
	RuleVisaChina       = "cn-visa"
)

// Where the rules' sources can be read, and their own words.
const (
	mutualExemptionURL   = "http://www.pravo.by/novosti/novosti-pravo-by/2018/july/29496/"
	mutualExemptionQuote = "…без визы сроком не более 30 дней, но не более 90 дней в календарном году. " +
		"Виза потребуется, если визит продлится более 30 дней или гости страны планируют проживать, " +
		"обучаться, заниматься трудовой, журналистской или иной деятельностью…"
	// TariffURL is the Embassy of Belarus in China's visa tariff page, which
	// counts residents of Hong Kong, Macao and Taiwan with PRC citizens.
	TariffURL   = "http://china.mfa.gov.by/ru/consular_issues/visaquestion/tarif/"
	tariffQuote = "Для граждан Китайской Народной Республики, в том числе для жителей Гонконга, Макао, Тайваня"
)

// DefaultRules returns the entry rules our legal sources support, each
// citing its source; parameters no source gives are marked Configured.
func DefaultRules() Rules {
	return Rules{
		Exemptions: []Exemption{
			{
				Rule: Rule{
					ID:    RuleMutualExemption,
					Title: "China–Belarus mutual visa exemption for ordinary passports",
					Citation: "Agreement between the Government of the Republic of Belarus and the Government of the " +
						"People's Republic of China on mutual visa exemption for holders of ordinary passports, signed " +
						"2018-06-10 in Qingdao, in force 2018-08-10; National Legal Internet Portal of the Republic of " +
						"Belarus (pravo.by), news of 2018-07-04",
					URL: mutualExemptionURL, Quote: mutualExemptionQuote, QuoteLang: "ru",
				},
				Routes:    []Route{{"CN", Belarus}, {"BY", China}},
				Passports: []Passport{Ordinary},
				// The source names private, business and tourist trips and sends
				// work, study and residence to a visa. Transit is read as covered:
				// it is a short trip that is none of the excluded purposes, and it
				// counts towards the 30- and 90-day limits like any other stay.
				Purposes:   []Purpose{Private, Business, Tourism, Transit},
				MaxStay:    30,
				MaxPerYear: 90,
				InForce:    "2018-08-10",
			},
			{
				Rule: Rule{
					ID:    RuleAirportEntry,
					Title: "Belarus 30-day visa-free entry through Minsk National Airport",
					Citation: "Decree of the President of the Republic of Belarus No. 8 of 2017-01-09 (in force 2017-02-12), " +
						"extended to 30 days by Decree No. 295, signed 2018-07-24, in force 2018-07-27; " +
						"the list of countries as configured by the mission",
					// The list of countries is the mission's configuration:
					// the rule is tried only when a list is in force.
					Configured: true,
				},
				Routes: []Route{{AnyListed, Belarus}},
				// Our sources do not say whether official passports are covered;
				// their holders are sent to the mission instead of being told
				// they may come without a visa.
				Passports: []Passport{Ordinary},
				// Work, study and residence need a visa under every recorded rule.
				Purposes: []Purpose{Private, Business, Tourism, Transit},
				MaxStay:  30,
				// The 30-day term dates from Decree No. 295; the earlier, shorter
				// term of Decree No. 8 is not checked here, so earlier entries
				// are not covered.
				InForce: "2018-07-27",
				Conditions: []Reason{
					reason("entry.note.airport_minsk_only"),
					reason("entry.note.airport_passport_validity", "Days", 90),
					reason("entry.note.airport_insurance", "Amount", "10000", "Currency", "EUR"),
					reason("entry.note.airport_funds"),
					reason("entry.note.airport_not_russia"),
				},
			},
		},
		OwnCountry: Rule{
			ID:    RuleOwnCountry,
			Title: "Citizens entering their own country",
			Citation: "A state admits its own citizens without a visa; residents of Hong Kong, Macao and Taiwan are " +
				"counted with citizens of the People's Republic of China, as the visa tariff of the Embassy of the " +
				"Republic of Belarus in China counts them",
			URL: TariffURL, Quote: tariffQuote, QuoteLang: "ru",
		},
		VisaBelarus: Rule{
			ID:    RuleVisaBelarus,
			Title: "Belarusian visa",
			Citation: "No recorded exemption applies; visa types B (transit), C (short stay) and D (long stay) under the " +
				"Visa Rules (Council of Ministers resolution No. 1065 of 2010-07-15); which type to apply for is the " +
				"mission's guidance",
			Configured: true,
		},
		VisaChina: Rule{
			ID:       RuleVisaChina,
			Title:    "Chinese visa",
			Citation: "No recorded exemption applies; Chinese visa types and fees are not in our data",
		},
		ShortStayMax:     90,
		LongStayPurposes: []Purpose{Work, Study, Residence},
	}
}

// covers reports whether the exemption is about this nationality entering this destination.
func (ex Exemption) covers(nationality, destination string, listed map[string]bool) bool {
	for _, rt := range ex.Routes {
		if rt.Destination != destination {
			continue
		}
		if rt.Nationality == nationality || (rt.Nationality == AnyListed && listed[nationality]) {
			return true
		}
	}
	return false
}

// refusals lists every condition of the exemption that the request fails,
// in the order a person should read them; none means the exemption applies.
func (ex Exemption) refusals(r Request) []Reason {
	var why []Reason
	rule := ex.ID
	if r.On < ex.InForce {
		why = append(why, reason("entry.reason.not_yet_in_force", "Rule", rule, "InForce", ex.InForce, "On", r.On))
	}
	if ex.Until != "" && r.On > ex.Until {
		why = append(why, reason("entry.reason.no_longer_in_force", "Rule", rule, "Until", ex.Until, "On", r.On))
	}
	if !contains(ex.Passports, r.Passport) {
		why = append(why, reason("entry.reason.passport_not_covered", "Rule", rule, "Passport", string(r.Passport)))
	}
	if !contains(ex.Purposes, r.Purpose) {
		why = append(why, reason("entry.reason.purpose_not_covered", "Rule", rule, "Purpose", string(r.Purpose)))
	}
	if r.StayDays > ex.MaxStay {
		why = append(why, reason("entry.reason.stay_exceeds", "Rule", rule, "StayDays", r.StayDays, "MaxStay", ex.MaxStay))
	}
	if total := r.DaysUsedThisYear + r.StayDays; ex.MaxPerYear > 0 && total > ex.MaxPerYear {
		why = append(why, reason("entry.reason.year_exceeds", "Rule", rule, "DaysUsed", r.DaysUsedThisYear,
			"StayDays", r.StayDays, "Total", total, "MaxPerYear", ex.MaxPerYear))
	}
	return why
}

// grants explains why an exemption whose conditions are all met applies.
func (ex Exemption) grants(r Request) []Reason {
	rule := ex.ID
	why := []Reason{
		reason("entry.reason.exemption_covers", "Rule", rule, "Nationality", r.Nationality,
			"Destination", r.Destination, "Passport", string(r.Passport)),
		reason("entry.reason.purpose_covered", "Rule", rule, "Purpose", string(r.Purpose)),
		reason("entry.reason.stay_within", "Rule", rule, "StayDays", r.StayDays, "MaxStay", ex.MaxStay),
	}
	if ex.MaxPerYear > 0 {
		total := r.DaysUsedThisYear + r.StayDays
		why = append(why, reason("entry.reason.year_within", "Rule", rule, "DaysUsed", r.DaysUsedThisYear,
			"StayDays", r.StayDays, "Total", total, "MaxPerYear", ex.MaxPerYear, "Remaining", ex.MaxPerYear-total))
	}
	return why
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
