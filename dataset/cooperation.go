package dataset

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
)

// Cooperation is the record of the relationship the file gives: its
// people, places and organisations, who held which post, the partnerships,
// agreements, events, corridors and trade figures, each with its citations.
type Cooperation struct {
	Entities     []cooperation.Entity
	Roles        []cooperation.Role
	Partnerships []cooperation.Partnership
	Agreements   []cooperation.Agreement
	Events       []cooperation.Event
	Corridors    []cooperation.Corridor
	Trade        []cooperation.TradeFigure
}

type fileCooperation struct {
	Entities []struct {
		ID      string       `yaml:"id"`
		Kind    string       `yaml:"kind"`
		Country string       `yaml:"country"`
		Name    mission.Text `yaml:"name"`
		Aliases []struct {
			Text string   `yaml:"text"`
			Lang string   `yaml:"lang"`
			Note fileText `yaml:"note"`
		} `yaml:"aliases"`
		About     mission.Text   `yaml:"about"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"entities"`
	Roles []struct {
		Person       string         `yaml:"person"`
		Organisation string         `yaml:"organisation"`
		Title        mission.Text   `yaml:"title"`
		From         string         `yaml:"from"`
		To           string         `yaml:"to"`
		Citations    []fileCitation `yaml:"citations"`
	} `yaml:"roles"`
	Partnerships []struct {
		ID        string         `yaml:"id"`
		Kind      string         `yaml:"kind"`
		A         string         `yaml:"a"`
		B         string         `yaml:"b"`
		Since     string         `yaml:"since"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"partnerships"`
	Agreements []struct {
		ID        string         `yaml:"id"`
		Kind      string         `yaml:"kind"`
		Title     mission.Text   `yaml:"title"`
		Date      string         `yaml:"date"`
		Place     string         `yaml:"place"`
		Parties   []string       `yaml:"parties"`
		Value     *fileMoney     `yaml:"value"`
		Count     int            `yaml:"count"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"agreements"`
	Events []struct {
		ID        string         `yaml:"id"`
		Kind      string         `yaml:"kind"`
		Title     mission.Text   `yaml:"title"`
		Start     string         `yaml:"start"`
		End       string         `yaml:"end"`
		Place     string         `yaml:"place"`
		Outcome   mission.Text   `yaml:"outcome"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"events"`
	Corridors []struct {
		ID        string         `yaml:"id"`
		Name      mission.Text   `yaml:"name"`
		Since     string         `yaml:"since"`
		Route     []string       `yaml:"route"`
		About     mission.Text   `yaml:"about"`
		Citations []fileCitation `yaml:"citations"`
	} `yaml:"corridors"`
	Trade []struct {
		ID       string       `yaml:"id"`
		Area     string       `yaml:"area"`
		Period   string       `yaml:"period"`
		Flow     string       `yaml:"flow"`
		Value    *fileMoney   `yaml:"value"`
		Change   string       `yaml:"change"`
		Wording  mission.Text `yaml:"wording"`
		Citation fileCitation `yaml:"citation"`
	} `yaml:"trade"`
}

type fileMoney struct {
	Amount      string `yaml:"amount"`
	Currency    string `yaml:"currency"`
	Approximate bool   `yaml:"approximate"`
}

// The kinds the file may give are the domain's lists.
var (
	partnershipKinds = cooperation.PartnershipKinds
	agreementKinds   = cooperation.AgreementKinds
	eventKinds       = cooperation.EventKinds
	flows            = cooperation.Flows
	langPattern      = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// coopCheck checks one cooperation section against the file's sources and
// the entities already read.
type coopCheck struct {
	cite     func(string, fileCitation) (mission.Citation, error)
	entities map[string]cooperation.Kind
}

func (fc *fileCooperation) cooperation(cite func(string, fileCitation) (mission.Citation, error)) (*Cooperation, error) {
	chk := coopCheck{cite: cite, entities: map[string]cooperation.Kind{}}
	c := &Cooperation{}
	for _, read := range []func(*fileCooperation, *Cooperation) error{chk.readEntities, chk.readRoles,
		chk.readPartnerships, chk.readAgreements, chk.readEvents, chk.readCorridors, chk.readTrade} {
		if err := read(fc, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// id checks a record's id and that no earlier record of its list has it.
func (chk coopCheck) id(where, id string, seen map[string]bool) error {
	if err := wrapCheck(where+".id", cooperation.CheckID(where+".id", id)); err != nil {
		return err
	}
	if seen[id] {
		return problem(where+".id", "duplicate id "+id)
	}
	seen[id] = true
	return nil
}

// entity checks a reference to an entity; a person may not stand where a
// place or organisation is meant, nor the other way round.
func (chk coopCheck) entity(where, id string, person bool) error {
	kind, ok := chk.entities[id]
	switch {
	case id == "":
		return problem(where, "an entity id is required")
	case !ok:
		return problem(where, "unknown entity "+id)
	case person && kind != cooperation.Person:
		return problem(where, id+" is a "+string(kind)+", not a person")
	case !person && kind == cooperation.Person:
		return problem(where, id+" is a person, not a place or organisation")
	}
	return nil
}

// parties checks an agreement's parties: entities, each named once.
func (chk coopCheck) parties(where string, ids []string) error {
	named := map[string]bool{}
	for j, p := range ids {
		w := fmt.Sprintf("%s.parties[%d]", where, j)
		if _, ok := chk.entities[p]; !ok {
			return problem(w, "unknown entity "+p)
		}
		if named[p] {
			return problem(w, "party named twice: "+p)
		}
		named[p] = true
	}
	return nil
}

// route checks a corridor's stops, each a place entity or a name.
func (chk coopCheck) route(where string, stops []string) error {
	for j, stop := range stops {
		w := fmt.Sprintf("%s.route[%d]", where, j)
		if stop == "" {
			return problem(w, "a stop of the route needs a place")
		}
		if err := chk.placeOrName(w, stop); err != nil {
			return err
		}
	}
	return nil
}

// placeOrName checks a place given either as an entity id (written like
// one: lower-case letters, digits, hyphens) or as a name the source writes.
func (chk coopCheck) placeOrName(where, v string) error {
	if v == "" || cooperation.CheckID(where, v) != nil {
		return nil
	}
	return chk.entity(where, v, false)
}

func (chk coopCheck) citations(where string, fcs []fileCitation) ([]mission.Citation, error) {
	if len(fcs) == 0 {
		return nil, problem(where+".citations", "at least one citation is required")
	}
	var out []mission.Citation
	for j, fc := range fcs {
		c, err := chk.citation(fmt.Sprintf("%s.citations[%d]", where, j), fc)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (chk coopCheck) citation(where string, fc fileCitation) (mission.Citation, error) {
	if fc.Source == "" && !fc.SetByMission {
		return mission.Citation{}, problem(where+".source", "a source (with a quote) or set_by_mission (with a note) is required")
	}
	c, err := chk.cite(where+".source", fc)
	if err != nil || c.SetByMission {
		return c, err
	}
	if c.Quote == "" {
		return c, problem(where+".quote", "a quote from the source is required")
	}
	return c, nil
}

func checkText(where string, t mission.Text, required bool) error {
	if required && strings.TrimSpace(t["en"]) == "" {
		return problem(where+".en", "an English text is required")
	}
	for lang := range t {
		if !langPattern.MatchString(lang) {
			return problem(where, "not a language code: "+lang)
		}
	}
	return nil
}

func oneOf(where, v string, allowed []string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return problem(where, fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", ")))
}

// span checks an optional pair of partial dates, the second not before the first.
func span(where, fromField, from, toField, to string) error {
	if err := first(date(where+"."+fromField, from), date(where+"."+toField, to)); err != nil {
		return err
	}
	if from != "" && to != "" && to < from[:min(len(to), len(from))] {
		return problem(where+"."+toField, toField+" "+to+" is before "+fromField+" "+from)
	}
	return nil
}

// date, period and change run the domain's checks and say where they fail.
func date(where, d string) error {
	return wrapCheck(where, cooperation.CheckDate(where, d, true))
}

func period(where, p string) error { return wrapCheck(where, cooperation.CheckPeriod(where, p)) }

func change(where, c string) error { return wrapCheck(where, cooperation.CheckChange(where, c)) }

func wrapCheck(where string, err error) error {
	if err == nil {
		return nil
	}
	return checkProblem(where, err)
}

func money(where string, fm *fileMoney) (*cooperation.Money, error) {
	if fm == nil {
		return nil, nil
	}
	m := &cooperation.Money{Amount: fm.Amount, Currency: fm.Currency, Approximate: fm.Approximate}
	if err := m.Check(where); err != nil {
		if errors.Is(err, cooperation.ErrCurrency) {
			return nil, checkProblem(where+".currency", err)
		}
		return nil, checkProblem(where+".amount", err)
	}
	return m, nil
}

// area checks a trade area with the domain's check, saying where it fails.
func area(where, a string) error { return wrapCheck(where, cooperation.CheckArea(where, a)) }

var checkMessages = map[string]string{
	"error.coop_id":       "not an id (lower-case letters, digits, hyphens)",
	"error.coop_date":     "not a date YYYY, YYYY-MM or YYYY-MM-DD",
	"error.coop_period":   "not a period: a year, or months of one year such as 2022-01/2022-08",
	"error.coop_amount":   "not a decimal amount such as 1020000000 or 31.5",
	"error.coop_negative": "a negative amount",
	"error.coop_currency": "not an ISO 4217 currency code (upper case, such as CNY)",
	"error.coop_change":   "not a change in percent such as 48.5 or -3",
	"error.coop_area":     "not an area of two ISO 3166 codes such as CN-CQ/BY",
}

// checkProblem turns an error of a cooperation check into one that says
// where it is and what is wrong with the value.
func checkProblem(where string, err error) error {
	var e *chancery.Error
	if !errors.As(err, &e) {
		return problem(where, err.Error())
	}
	what, ok := checkMessages[e.Key]
	if !ok {
		return problem(where, describe(err))
	}
	return problem(where, fmt.Sprintf("%s: %q", what, fmt.Sprint(e.Data["Value"])))
}
