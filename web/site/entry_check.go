package site

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/entry"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/web/ui"
)

// Entry-check parameters, as the form and the API name them.
const (
	pDestination = "destination"
	pNationality = "nationality"
	pPassport    = "passport"
	pPurpose     = "purpose"
	pStayDays    = "stay_days"
	pDaysUsed    = "days_used_this_year"
	pEntries     = "entries"
	pUrgent      = "urgent"
	pOn          = "on"
)

// entryParams are every entry-check parameter, which the page and the API
// read (and the page cache keys them on).
var entryParams = []string{pDestination, pNationality, pPassport, pPurpose, pStayDays, pDaysUsed, pEntries, pUrgent, pOn}

// maxEntryParam is the longest value any entry-check parameter can sensibly have.
const maxEntryParam = 64

// parseEntryQuery reads an entry check from query parameters. stay_days
// and the four codes are required; days_used_this_year defaults to 0,
// entries to single, urgent to false and on to today in the missions' time
// zone. Every parameter in error is reported, once, as an EINVALID
// *chancery.Error naming it in Data["Field"], joined in the form's order
// (the API answers with the first).
func parseEntryQuery(q url.Values, today string) (entry.Request, error) {
	var errs []error
	bad := map[string]bool{}
	fail := func(field, key string, kv ...any) {
		if !bad[field] {
			bad[field] = true
			errs = append(errs, chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", field}, kv...)...))
		}
	}
	for _, name := range entryParams {
		vs := q[name]
		if len(vs) > 1 {
			fail(name, "error.param_repeated", "Name", name)
		}
		if len(vs) == 1 && (len(vs[0]) > maxEntryParam || !utf8.ValidString(vs[0])) {
			fail(name, "error.param_too_long", "Name", name, "Max", maxEntryParam)
		}
	}
	for _, name := range []string{pDestination, pNationality, pPassport, pPurpose, pStayDays} {
		if strings.TrimSpace(q.Get(name)) == "" {
			fail(name, "error.param_required", "Name", name)
		}
	}
	req := entry.Request{
		Destination: q.Get(pDestination),
		Nationality: q.Get(pNationality),
		Passport:    entry.Passport(q.Get(pPassport)),
		Purpose:     entry.Purpose(q.Get(pPurpose)),
		Entries:     q.Get(pEntries),
		On:          strings.TrimSpace(q.Get(pOn)),
	}
	if req.On == "" {
		req.On = today
	}
	var err error
	if req.StayDays, err = wholeNumber(q.Get(pStayDays), 1); err != nil {
		fail(pStayDays, "error.stay_days_number", "Value", echo(q.Get(pStayDays)))
	}
	if req.DaysUsedThisYear, err = wholeNumber(q.Get(pDaysUsed), 0); err != nil {
		fail(pDaysUsed, "error.days_used_number", "Value", echo(q.Get(pDaysUsed)))
	}
	switch strings.ToLower(strings.TrimSpace(q.Get(pUrgent))) {
	case "", "0", "false", "off", "no":
	case "1", "true", "on", "yes":
		req.Urgent = true
	default:
		fail(pUrgent, "error.urgent_invalid", "Value", echo(q.Get(pUrgent)))
	}
	req = req.Normalized()
	// The rules' own errors, for the fields not already in error above.
	for _, e := range chancery.Errors(req.Validate()) {
		if f, _ := e.Data["Field"].(string); !bad[f] {
			bad[f] = true
			errs = append(errs, e)
		}
	}
	if !bad[pNationality] && !place.HasNationals(req.Nationality) {
		fail(pNationality, "error.nationality_unknown", "Nationality", req.Nationality)
	}
	return req, errors.Join(errs...)
}

// wholeNumber parses a decimal whole number, or returns def for an empty
// value. Numbers beyond any sensible range are reported as out of range
// later, so they are clamped rather than refused here.
func wholeNumber(s string, def int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		if strings.HasPrefix(s, "-") {
			return -1, nil
		}
		return 1 << 30, nil
	}
	if err != nil {
		return 0, err
	}
	return int(max(min(n, 1<<30), -1)), nil
}

// echo shortens what a person typed before it goes back into a message.
func echo(s string) string { return chancery.Echo(s) }

// checkEntry decides a request with the fee table and airport list in the database.
func (s *Server) checkEntry(ctx context.Context, req entry.Request) (entry.Decision, error) {
	dfees, err := s.DB.Fees(ctx)
	if err != nil {
		return entry.Decision{}, err
	}
	fees := make([]entry.Fee, len(dfees))
	for i, f := range dfees {
		fees[i] = entry.Fee(f)
	}
	dlists, err := s.DB.VisaFreeAirport(ctx)
	if err != nil {
		return entry.Decision{}, err
	}
	lists := make([]entry.AirportList, len(dlists))
	for i, l := range dlists {
		lists[i] = entry.AirportList(l)
	}
	return entry.Check(req, fees, entry.AirportListOn(lists, req.On))
}

// sentence is one translated reason or note.
type sentence struct {
	Key     string `json:"key"`
	Message string `json:"message"`
	Rule    string `json:"rule,omitempty"` // the rule it is about, when not the deciding one
	About   string `json:"-"`              // that rule's title, in the reader's language
}

// sentences translates reasons into lang, naming codes in words. A reason
// about another rule than the deciding one (an exemption that did not
// apply) names that rule.
func (s *Server) sentences(lang, deciding string, rs []entry.Reason) []sentence {
	out := make([]sentence, 0, len(rs))
	for _, r := range rs {
		sn := sentence{Key: r.Key, Message: s.Translate(lang, r.Key, s.wordsFor(lang, r.Data))}
		if rule, _ := r.Data["Rule"].(string); rule != "" && rule != deciding {
			sn.Rule, sn.About = rule, s.Translate(lang, "entry.rule."+rule, nil)
		}
		out = append(out, sn)
	}
	return out
}

// wordsFor replaces the codes in a reason's data with words in lang:
// countries by name, passports, purposes and entries by their translation.
func (s *Server) wordsFor(lang string, data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		str, _ := v.(string)
		switch k {
		case "Nationality", "Destination":
			v = place.CountryName(str, ui.LangTag(lang))
		case "Passport":
			v = s.Translate(lang, "entry.passport_word."+str, nil)
		case "Purpose":
			v = s.Translate(lang, "entry.purpose_word."+str, nil)
		case "Entries":
			v = s.Translate(lang, "entry.entries_word."+str, nil)
		}
		out[k] = v
	}
	return out
}

// entryAnswer is a decision ready to show or send, in one language.
type entryAnswer struct {
	Request      entry.Request
	VisaRequired bool
	RuleID       string
	RuleTitle    string
	Citation     string // the legal source, in the reader's language
	CitationURL  string // where the source can be read, "" when none is recorded
	Quote        string // the source's own words, in QuoteLang
	QuoteLang    string
	Configured   bool     // some of the rule's values are the mission's configuration
	Unchecked    []string // rules not tried for want of configured data (told to staff only)
	Reasons      []sentence
	Notes        []sentence
	VisaType     string
	Fee          *entry.Fee
	Amount       string
	Currency     string
}

func (s *Server) answerIn(lang string, req entry.Request, d entry.Decision) entryAnswer {
	return entryAnswer{Request: req, VisaRequired: d.VisaRequired, RuleID: d.Rule.ID,
		RuleTitle: s.Translate(lang, "entry.rule."+d.Rule.ID, nil), Citation: s.Translate(lang, "entry.citation."+d.Rule.ID, nil),
		CitationURL: d.Rule.URL, Quote: d.Rule.Quote, QuoteLang: d.Rule.QuoteLang, Configured: d.Rule.Configured,
		Unchecked: d.Unchecked,
		Reasons:   s.sentences(lang, d.Rule.ID, d.Reasons), Notes: s.sentences(lang, d.Rule.ID, d.Notes),
		VisaType: d.VisaType, Fee: d.Fee, Amount: d.FeeAmount, Currency: d.FeeCurrency}
}

// entryPage is the visa checker form, and its answer once asked.
type entryPage struct {
	Asked      bool
	Today      string
	Errors     ui.FormErrors // every parameter in error, found at once
	Answer     entryAnswer
	Countries  []place.Country
	Passports  []entry.Passport
	Purposes   []entry.Purpose
	Entries    []string
	Urgent     bool
	Defaulted  bool           // the date of entry was left empty and taken as today
	FeeSource  mission.Source // the source of the fee applied, when there is one
	Parameters url.Values
	// Subdivisions are the provinces one may say one lives in, and Door
	// the mission serving the one chosen: where a visa is applied for.
	Subdivisions []place.Subdivision
	Door         ui.MissionDoor
}

func (s *Server) entryCheck(w http.ResponseWriter, r *http.Request) {
	lang := ui.VisitOf(r).Lang
	q := r.URL.Query()
	p := entryPage{Today: s.Today(ui.MissionZone), Countries: s.Countries[lang], Parameters: q, Subdivisions: place.Subdivisions("CN"),
		Passports: []entry.Passport{entry.Ordinary, entry.Service, entry.Diplomatic},
		Purposes:  []entry.Purpose{entry.Tourism, entry.Business, entry.Private, entry.Transit, entry.Work, entry.Study, entry.Residence},
		Entries:   []string{entry.Single, entry.Double, entry.Multiple}}
	asked := false
	for _, name := range []string{pDestination, pNationality, pPassport, pPurpose, pStayDays} {
		asked = asked || q.Has(name)
	}
	if !asked {
		s.Render(w, r, "entry", p)
		return
	}
	p.Asked = true
	req, err := parseEntryQuery(q, p.Today)
	err = errors.Join(err, livesInError(q))
	var d entry.Decision
	if err == nil {
		d, err = s.checkEntry(r.Context(), req)
	}
	if err == nil {
		p.Door, err = s.entryDoor(r.Context(), q)
	}
	if err != nil {
		if chancery.ErrorCode(err) != chancery.EINVALID {
			s.Fail(w, r, err)
			return
		}
		errs, status, _ := s.FormErrorsOf(lang, namedParams(s.Server, lang, err), entryFields)
		p.Errors = errs.InOrder(entryFormOrder...)
		s.RenderStatus(w, r, status, "entry", p)
		return
	}
	p.Defaulted = strings.TrimSpace(q.Get(pOn)) == ""
	if d.Fee != nil && d.Fee.Sourced() {
		if src, err := s.DB.Source(r.Context(), d.Fee.Source); err == nil {
			p.FeeSource = src
		}
	}
	p.Answer = s.answerIn(lang, req, d)
	s.Render(w, r, "entry", p)
}

// apiEntryRequest echoes the request as it was understood, defaults filled in.
type apiEntryRequest struct {
	Destination string `json:"destination"`
	Nationality string `json:"nationality"`
	Passport    string `json:"passport"`
	Purpose     string `json:"purpose"`
	StayDays    int    `json:"stay_days"`
	DaysUsed    int    `json:"days_used_this_year"`
	Entries     string `json:"entries"`
	Urgent      bool   `json:"urgent"`
	On          string `json:"on"`
}

type apiRule struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Citation    string `json:"citation"`               // in the reader's language
	CitationURL string `json:"citation_url,omitempty"` // where the source can be read
	Quote       string `json:"quote,omitempty"`        // the source's own words
	QuoteLang   string `json:"quote_lang,omitempty"`   // the language of quote
	Kind        string `json:"kind"`                   // the statement: "sourced" (quote and citation_url) or "set_by_mission"
	Basis       string `json:"basis"`                  // "sourced", or "configured" when some values are the mission's setting
}

type apiFee struct {
	Applicant string `json:"applicant"`
	VisaType  string `json:"visa_type"`
	Entries   string `json:"entries,omitempty"`
	Amount    string `json:"amount"`
	Currency  string `json:"currency"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to,omitempty"`
	Source    string `json:"source"` // the source's id; "" when the fee is set by the mission
	Basis     string `json:"basis"`  // "sourced", or "configured": set by the mission
}

type apiAmount struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

type apiEntryDecision struct {
	Request      apiEntryRequest `json:"request"`
	VisaRequired bool            `json:"visa_required"`
	Rule         apiRule         `json:"rule"`
	Reasons      []sentence      `json:"reasons"`
	VisaType     string          `json:"visa_type,omitempty"`
	Fee          *apiFee         `json:"fee"`
	AmountDue    *apiAmount      `json:"amount_due"`
	Notes        []sentence      `json:"notes"`
}

// basis names the kind of statement an answer is: sourced, or configured
// by the mission.
func basis(sourced bool) string {
	if sourced {
		return "sourced"
	}
	return "configured"
}

func (s *Server) apiEntryCheck(w http.ResponseWriter, r *http.Request) {
	lang := ui.VisitOf(r).Lang
	req, err := parseEntryQuery(r.URL.Query(), s.Today(ui.MissionZone))
	var d entry.Decision
	if err == nil {
		d, err = s.checkEntry(r.Context(), req)
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a := s.answerIn(lang, req, d)
	out := apiEntryDecision{
		Request: apiEntryRequest{Destination: req.Destination, Nationality: req.Nationality, Passport: string(req.Passport),
			Purpose: string(req.Purpose), StayDays: req.StayDays, DaysUsed: req.DaysUsedThisYear, Entries: req.Entries,
			Urgent: req.Urgent, On: req.On},
		VisaRequired: a.VisaRequired, Rule: apiRule{ID: a.RuleID, Title: a.RuleTitle, Citation: a.Citation,
			CitationURL: a.CitationURL, Quote: a.Quote, QuoteLang: a.QuoteLang, Kind: statementKind(a.Quote), Basis: basis(!a.Configured)},
		Reasons: a.Reasons, VisaType: a.VisaType, Notes: a.Notes}
	if f := a.Fee; f != nil {
		out.Fee = &apiFee{Applicant: f.Applicant, VisaType: f.VisaType, Entries: f.Entries, Amount: f.Amount,
			Currency: f.Currency, ValidFrom: f.ValidFrom, ValidTo: f.ValidTo, Source: f.Source, Basis: basis(f.Sourced())}
	}
	if a.Amount != "" {
		out.AmountDue = &apiAmount{Amount: a.Amount, Currency: a.Currency}
	}
	ui.WriteJSON(w, http.StatusOK, out)
}

// statementKind is the kind of a rule's statement: sourced where it quotes
// its source, else the mission's own.
func statementKind(quote string) string {
	if quote != "" {
		return mission.SourcedStatement
	}
	return mission.SetByMission
}

// pLivesIn is the entry check's optional province of residence, which
// only the page reads: the mission serving it is where a visa is applied for.
const pLivesIn = "subdivision"

// entryPageParams are the parameters the entry-check page is cached on.
var entryPageParams = append(slices.Clone(entryParams), pLivesIn)

// entryFormOrder are the entry-check form's fields in the form's order,
// the province lived in among them.
var entryFormOrder = []string{pDestination, pNationality, pPassport, pPurpose, pStayDays, pDaysUsed, pLivesIn, pEntries, pUrgent, pOn}

// entryFields are the entry-check form's fields.
var entryFields = ui.Fields(entryFormOrder...)

// livesInError is the problem of the optional province of residence, if any.
func livesInError(q url.Values) error {
	code := strings.TrimSpace(q.Get(pLivesIn))
	if code == "" {
		return nil
	}
	if sub, ok := place.ByCode(code); len(q[pLivesIn]) > 1 || !ok || !strings.HasPrefix(sub.Code, "CN-") {
		return chancery.Errorf(chancery.EINVALID, "frontdoor.error.lives_in", "Field", pLivesIn)
	}
	return nil
}

// namedParams is err with the parameters its errors name (Data["Name"])
// written as the form's labels in lang.
func namedParams(s *ui.Server, lang string, err error) error {
	return chancery.EditData(err, func(data map[string]any) {
		if name, ok := data["Name"].(string); ok {
			data["Name"] = s.Translate(lang, "entry.field."+name, nil)
		}
	})
}

// entryDoor is the mission serving the province the person lives in
// (checked by livesInError), with its front door; none when no province
// was given.
func (s *Server) entryDoor(ctx context.Context, q url.Values) (ui.MissionDoor, error) {
	code := strings.TrimSpace(q.Get(pLivesIn))
	if code == "" {
		return ui.MissionDoor{}, nil
	}
	j, err := s.FindJurisdiction(ctx, "BY", code, "")
	if err != nil {
		return ui.MissionDoor{}, err
	}
	door, err := s.FrontDoorOf(ctx, j.Answer.Mission)
	return ui.MissionDoor{Mission: j.Answer.Mission, Door: door, Suggested: j.Answer.Suggested()}, err
}
