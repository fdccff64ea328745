// Package dataset reads the versioned file that seeds and updates a
// chancery installation: sources, missions with their districts and the
// sources' claims, visa fees, the airport visa-free list, and the record of
// cooperation (people, places, partnerships, agreements, events, corridors
// and trade figures), and what organisations offer and seek (matchmaking).
// The file format is documented in docs/dataset.md.
package dataset

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

//go:embed default.yaml
var defaultFile []byte

// Default returns the dataset built into the binary.
func Default() (*Dataset, error) {
	ds, err := Parse(bytes.NewReader(defaultFile))
	if err != nil {
		return nil, err
	}
	if ds.CaseTypes, err = CaseTypes(); err != nil {
		return nil, err
	}
	return ds, nil
}

// DefaultBytes returns the built-in dataset file as written, for export.
func DefaultBytes() []byte { return bytes.Clone(defaultFile) }

// Dataset is a parsed, validated dataset file.
type Dataset struct {
	Version         string
	Sources         []mission.Source
	Missions        []Mission
	Fees            []Fee
	VisaFreeAirport []AirportList         // dated lists of nationalities, in the file's order; nil when the file has no such section
	Cooperation     *Cooperation          // nil when the file has no cooperation section
	Profiles        []matchmaking.Profile // what organisations offer and seek, by HS section
	// CaseTypes are the missions' case types (casetypes.yaml); nil leaves
	// the database's alone, as a file imported by staff does.
	CaseTypes []casework.CaseType
}

// Mission is a mission with the district and claims the file gives for it.
type Mission struct {
	mission.Mission
	District     []mission.Membership
	Claims       []mission.Claim
	Appointments *Appointments // nil when the file says nothing of appointments
}

// Appointments is how a mission takes appointments: its office hours, the
// countries whose public holidays close it, and its services.
type Appointments struct {
	Observe  []string
	Hours    map[time.Weekday][]calendar.Interval
	Services []booking.Service
}

// Fee is one row of the dated visa fee table.
type Fee struct {
	Destination string `yaml:"destination"`
	Applicant   string `yaml:"applicant"`
	VisaType    string `yaml:"visa_type"`
	Entries     string `yaml:"entries"`
	Amount      string `yaml:"amount"`
	Currency    string `yaml:"currency"`
	ValidFrom   string `yaml:"valid_from"`
	ValidTo     string `yaml:"valid_to"`
	Source      string `yaml:"source"`
}

type file struct {
	Version         string           `yaml:"version"`
	Sources         []fileSource     `yaml:"sources"`
	Missions        []fileMission    `yaml:"missions"`
	Fees            []Fee            `yaml:"fees"`
	VisaFreeAirport airportLists     `yaml:"visa_free_airport"`
	Cooperation     *fileCooperation `yaml:"cooperation"`
	Matchmaking     *fileMatchmaking `yaml:"matchmaking"`
}

type fileSource struct {
	ID        string   `yaml:"id"`
	Title     string   `yaml:"title"`
	Publisher string   `yaml:"publisher"`
	Published string   `yaml:"published"`
	DateKind  string   `yaml:"date_kind"`
	URL       string   `yaml:"url"`
	Language  string   `yaml:"language"`
	VersionOf string   `yaml:"version_of"`
	Note      fileText `yaml:"note"`
}

// fileCitation is a sourced statement (source, quote, an optional
// translation) or a statement set by the mission (set_by_mission and a note).
type fileCitation struct {
	Source       string   `yaml:"source"`
	Quote        string   `yaml:"quote"`
	Translation  fileText `yaml:"translation"`
	SetByMission bool     `yaml:"set_by_mission"`
	Note         fileText `yaml:"note"`
}

type fileMission struct {
	ID            string         `yaml:"id"`
	Country       string         `yaml:"country"`
	Host          string         `yaml:"host"`
	Kind          string         `yaml:"kind"`
	Name          mission.Text   `yaml:"name"`
	City          mission.Text   `yaml:"city"`
	TimeZone      string         `yaml:"time_zone"`
	Address       mission.Text   `yaml:"address"`
	Phone         string         `yaml:"phone"`
	Email         string         `yaml:"email"`
	Website       string         `yaml:"website"`
	Hours         mission.Text   `yaml:"hours"`
	Directions    mission.Text   `yaml:"directions"`
	Emergency     mission.Text   `yaml:"emergency"`
	OpenedOn      string         `yaml:"opened_on"`
	Head          fileHead       `yaml:"head"`
	FormerHeads   []fileHead     `yaml:"former_heads"`
	DistrictKnown bool           `yaml:"district_known"`
	Notes         mission.Text   `yaml:"notes"`
	Citations     []fileCitation `yaml:"citations"`
	District      []struct {
		Subdivision string       `yaml:"subdivision"`
		From        string       `yaml:"from"`
		To          string       `yaml:"to"`
		Note        mission.Text `yaml:"note"`
	} `yaml:"district"`
	Appointments *fileAppointments `yaml:"appointments"`
	Claims       []struct {
		fileCitation `yaml:",inline"`
		Subdivisions []string `yaml:"subdivisions"`
		Readings     []struct {
			Written string   `yaml:"written"`
			As      string   `yaml:"as"`
			Literal string   `yaml:"literal"`
			Note    fileText `yaml:"note"`
		} `yaml:"readings"`
	} `yaml:"claims"`
}

// fileHead is a head of mission, as of the date of the source naming them.
type fileHead struct {
	Name   mission.Text `yaml:"name"`
	Title  mission.Text `yaml:"title"`
	Since  string       `yaml:"since"`
	Until  string       `yaml:"until"`
	AsOf   string       `yaml:"as_of"`
	Source string       `yaml:"source"`
}

func (h fileHead) head() mission.Head {
	return mission.Head{Name: h.Name, Title: h.Title, Since: h.Since, Until: h.Until, AsOf: h.AsOf, Source: h.Source}
}

type fileAppointments struct {
	Note        string              `yaml:"note"`
	Observe     []string            `yaml:"observe"`
	OfficeHours map[string][]string `yaml:"office_hours"`
	Services    []struct {
		ID            string       `yaml:"id"`
		Name          mission.Text `yaml:"name"`
		Duration      int          `yaml:"duration_minutes"`
		Capacity      int          `yaml:"capacity"`
		WindowDays    int          `yaml:"window_days"`
		MinNotice     int          `yaml:"min_notice_hours"`
		DailyQuota    int          `yaml:"daily_quota"`
		NeedsPassport bool         `yaml:"needs_passport"`
		VerifyEmail   bool         `yaml:"verify_email"`
		Mode          string       `yaml:"mode"`
		Active        *bool        `yaml:"active"`
		// The service's catalogue entry: see docs/dataset.md.
		Description    mission.Text   `yaml:"description"`
		Documents      []mission.Text `yaml:"documents"`
		ProcessingTime mission.Text   `yaml:"processing_time"`
		Fee            *fileFee       `yaml:"fee"`
	} `yaml:"services"`
}

// fileFee is a service's fee: fee_table (the visa fee table's rows, each
// citing its source), or a text with its citation (a source and quote, or
// set_by_mission and a note). A service without a fee is set by the mission.
type fileFee struct {
	FeeTable     bool         `yaml:"fee_table"`
	Text         mission.Text `yaml:"text"`
	fileCitation `yaml:",inline"`
}

// fee checks a service's fee and turns it into the booking's.
func (f *fileFee) fee(where string, cite func(string, fileCitation) (mission.Citation, error)) (booking.Fee, error) {
	if f == nil {
		return booking.Fee{Kind: booking.FeeByMission}, nil
	}
	if f.FeeTable {
		if !f.Text.Empty() || f.Source != "" || f.SetByMission {
			return booking.Fee{}, problem(where, "a fee from the fee table has no text or citation of its own")
		}
		return booking.Fee{Kind: booking.FeeTable}, nil
	}
	c, err := cite(where, f.fileCitation)
	if err != nil {
		return booking.Fee{}, err
	}
	if c.SetByMission {
		return booking.Fee{Kind: booking.FeeByMission, Text: f.Text, Citation: c}, nil
	}
	if f.Text.Empty() {
		return booking.Fee{}, problem(where+".text", "a sourced fee needs its text")
	}
	return booking.Fee{Kind: booking.FeeText, Text: f.Text, Citation: c}, nil
}

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// appointments checks a mission's appointment settings.
func (fa *fileAppointments) appointments(where string, m mission.Mission, cite func(string, fileCitation) (mission.Citation, error)) (*Appointments, error) {
	a := &Appointments{Hours: map[time.Weekday][]calendar.Interval{}}
	for i, c := range fa.Observe {
		if !place.IsCountry(c) {
			return nil, problem(fmt.Sprintf("%s.observe[%d]", where, i), "not an ISO 3166-1 alpha-2 code: "+c)
		}
		a.Observe = append(a.Observe, c)
	}
	for day, ivs := range fa.OfficeHours {
		wd, ok := weekdays[day]
		if !ok {
			return nil, problem(where+".office_hours", "not a weekday: "+day)
		}
		for _, iv := range ivs {
			from, to, ok := strings.Cut(iv, "-")
			if !ok {
				return nil, problem(where+".office_hours."+day, "not a time range HH:MM-HH:MM: "+iv)
			}
			a.Hours[wd] = append(a.Hours[wd], calendar.Interval{Start: strings.TrimSpace(from), End: strings.TrimSpace(to)})
		}
	}
	loc, err := time.LoadLocation(m.TimeZone)
	if err != nil {
		return nil, problem(where, "unknown time zone")
	}
	if err := (calendar.Calendar{Zone: loc, Hours: a.Hours, Observe: a.Observe}).Validate(); err != nil {
		return nil, problem(where+".office_hours", describe(err))
	}
	ids := map[string]bool{}
	for i, fs := range fa.Services {
		svc := booking.Service{ID: fs.ID, MissionID: m.ID, Name: fs.Name, Duration: fs.Duration, Capacity: fs.Capacity,
			WindowDays: fs.WindowDays, MinNotice: fs.MinNotice, DailyQuota: fs.DailyQuota, NeedsPassport: fs.NeedsPassport,
			VerifyEmail: fs.VerifyEmail, Mode: booking.Mode(fs.Mode), Active: fs.Active == nil || *fs.Active, Position: i}
		if svc.Mode == "" {
			svc.Mode = booking.FirstCome
		}
		w := fmt.Sprintf("%s.services[%d]", where, i)
		fee, err := fs.Fee.fee(w+".fee", cite)
		if err != nil {
			return nil, err
		}
		svc.Catalogue = booking.Catalogue{Description: fs.Description, Documents: fs.Documents, ProcessingTime: fs.ProcessingTime, Fee: fee}.Clean()
		if err := svc.Validate(); err != nil {
			return nil, problem(w, describe(err))
		}
		if ids[svc.ID] {
			return nil, problem(w, "duplicate id "+svc.ID)
		}
		ids[svc.ID] = true
		a.Services = append(a.Services, svc)
	}
	return a, nil
}

// MaxSize is the largest dataset file accepted.
const MaxSize = 8 << 20

var versionPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$`)

// Parse reads and validates a dataset file. Unknown fields, unknown source
// references and malformed values are errors that name where they are.
func Parse(r io.Reader) (*Dataset, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > MaxSize {
		return nil, chancery.Errorf(chancery.ETOOLARGE, "error.dataset_too_large")
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, problem("", "the file is empty")
		}
		return nil, problem("", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return f.dataset()
}

func problem(where, what string) error {
	e := chancery.Errorf(chancery.EINVALID, "error.dataset_invalid", "Where", where, "Problem", what)
	e.Detail = where + ": " + what
	return e
}

func (f file) dataset() (*Dataset, error) {
	if !versionPattern.MatchString(f.Version) {
		return nil, problem("version", "missing or malformed")
	}
	ds := &Dataset{Version: f.Version}
	sources := map[string]bool{}
	for i, s := range f.Sources {
		src := mission.Source{ID: s.ID, Title: strings.TrimSpace(s.Title), Publisher: s.Publisher, Published: s.Published,
			DateKind: mission.DateKind(s.DateKind), URL: s.URL, Language: s.Language, VersionOf: s.VersionOf, Note: s.Note.text()}
		if src.DateKind == "" {
			src.DateKind = src.Kind()
		}
		if err := src.Validate(); err != nil {
			return nil, problem(fmt.Sprintf("sources[%d]", i), describe(err))
		}
		if sources[src.ID] {
			return nil, problem(fmt.Sprintf("sources[%d]", i), "duplicate id "+src.ID)
		}
		sources[src.ID] = true
		ds.Sources = append(ds.Sources, src)
	}
	for i, src := range ds.Sources {
		if src.VersionOf == "" {
			continue
		}
		if !sources[src.VersionOf] {
			return nil, problem(fmt.Sprintf("sources[%d].version_of", i), "unknown source "+src.VersionOf)
		}
		for _, o := range ds.Sources {
			if o.ID == src.VersionOf && o.VersionOf != "" {
				return nil, problem(fmt.Sprintf("sources[%d].version_of", i), src.VersionOf+" is itself a version of "+o.VersionOf+": name the original")
			}
		}
	}
	cite := func(where string, c fileCitation) (mission.Citation, error) {
		if c.SetByMission {
			mc := mission.Citation{SetByMission: true, Note: c.Note.text()}
			switch {
			case c.Source != "" || strings.TrimSpace(c.Quote) != "" || len(c.Translation) > 0:
				return mc, problem(where, "a statement set by the mission has no source, quote or translation")
			case mc.Note.Empty():
				return mc, problem(where+".note", "a statement set by the mission needs a note saying what the mission set")
			}
			return mc, nil
		}
		if c.Source == "" {
			return mission.Citation{}, problem(where, "a citation needs a source (with a quote) or set_by_mission (with a note)")
		}
		if !sources[c.Source] {
			return mission.Citation{}, problem(where, "unknown source "+c.Source)
		}
		return mission.Citation{SourceID: c.Source, Quote: strings.TrimSpace(c.Quote), Translation: c.Translation.text(), Note: c.Note.text()}, nil
	}
	ids := map[string]bool{}
	for i, fm := range f.Missions {
		where := fmt.Sprintf("missions[%d]", i)
		m, err := fm.mission(where, cite)
		if err != nil {
			return nil, err
		}
		for j, h := range append([]mission.Head{m.Head}, m.FormerHeads...) {
			if h.Source != "" && !sources[h.Source] {
				return nil, problem(fmt.Sprintf("%s.heads[%d]", where, j), "unknown source "+h.Source)
			}
		}
		if ids[m.ID] {
			return nil, problem(where, "duplicate id "+m.ID)
		}
		ids[m.ID] = true
		ds.Missions = append(ds.Missions, m)
	}
	for i, fee := range f.Fees {
		if err := checkFee(fee); err != nil {
			return nil, problem(fmt.Sprintf("fees[%d]", i), err.Error())
		}
		// A fee without a source is the mission's own setting (shown as such).
		if fee.Source != "" && !sources[fee.Source] {
			return nil, problem(fmt.Sprintf("fees[%d]", i), "unknown source "+fee.Source)
		}
		ds.Fees = append(ds.Fees, fee)
	}
	lists, err := f.VisaFreeAirport.lists()
	if err != nil {
		return nil, err
	}
	ds.VisaFreeAirport = lists
	if f.Cooperation != nil {
		c, err := f.Cooperation.cooperation(cite)
		if err != nil {
			return nil, err
		}
		ds.Cooperation = c
	}
	if f.Matchmaking != nil {
		ps, err := f.Matchmaking.profiles(ds.Cooperation, cite)
		if err != nil {
			return nil, err
		}
		ds.Profiles = ps
	}
	return ds, nil
}

func (fm fileMission) mission(where string, cite func(string, fileCitation) (mission.Citation, error)) (Mission, error) {
	m := Mission{Mission: mission.Mission{
		ID: fm.ID, Country: fm.Country, Host: fm.Host, Kind: mission.Kind(fm.Kind), Name: fm.Name, City: fm.City,
		TimeZone: fm.TimeZone, Address: fm.Address, Phone: fm.Phone, Email: fm.Email, Website: fm.Website,
		Hours: fm.Hours, Directions: fm.Directions, Emergency: fm.Emergency, OpenedOn: fm.OpenedOn, DistrictKnown: fm.DistrictKnown, Notes: fm.Notes,
		Head: fm.Head.head(),
	}}
	for _, h := range fm.FormerHeads {
		m.FormerHeads = append(m.FormerHeads, h.head())
	}
	if fm.Appointments != nil {
		a, err := fm.Appointments.appointments(where+".appointments", m.Mission, cite)
		if err != nil {
			return m, err
		}
		m.Appointments = a
	}
	for j, c := range fm.Citations {
		cc, err := cite(fmt.Sprintf("%s.citations[%d]", where, j), c)
		if err != nil {
			return m, err
		}
		m.Citations = append(m.Citations, cc)
	}
	if err := m.Validate(); err != nil {
		return m, problem(where, describe(err))
	}
	for j, d := range fm.District {
		ms := mission.Membership{MissionID: m.ID, Subdivision: d.Subdivision, ValidFrom: d.From, ValidTo: d.To, Note: d.Note}
		w := fmt.Sprintf("%s.district[%d]", where, j)
		if err := ms.Validate(); err != nil {
			return m, problem(w, describe(err))
		}
		if err := knownSubdivision(m.Host, ms.Subdivision); err != nil {
			return m, problem(w, err.Error())
		}
		m.District = append(m.District, ms)
	}
	for j, fc := range fm.Claims {
		w := fmt.Sprintf("%s.claims[%d]", where, j)
		c, err := cite(w, fc.fileCitation)
		if err != nil {
			return m, err
		}
		claim := mission.Claim{MissionID: m.ID, Citation: c, Subdivisions: fc.Subdivisions}
		for _, r := range fc.Readings {
			claim.Readings = append(claim.Readings, mission.Reading{Written: r.Written, Subdivision: r.As, Literal: r.Literal, Note: r.Note.text()})
		}
		if err := claim.Validate(); err != nil {
			return m, problem(w, describe(err))
		}
		for _, s := range claim.Subdivisions {
			if err := knownSubdivision(m.Host, s); err != nil {
				return m, problem(w, err.Error())
			}
		}
		m.Claims = append(m.Claims, claim)
	}
	return m, nil
}

func knownSubdivision(host, code string) error {
	if !strings.HasPrefix(code, host+"-") {
		return fmt.Errorf("%s is not a subdivision of %s", code, host)
	}
	if place.Subdivisions(host) != nil {
		if _, ok := place.ByCode(code); !ok {
			return fmt.Errorf("unknown subdivision %s", code)
		}
	}
	return nil
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)
var amountPattern = regexp.MustCompile(`^\d{1,9}(\.\d{1,2})?$`)

func checkFee(f Fee) error {
	switch {
	case !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(f.Destination):
		return errors.New("destination must be an ISO 3166-1 alpha-2 code")
	case f.Applicant == "":
		return errors.New("applicant is required")
	case f.VisaType != "B" && f.VisaType != "C" && f.VisaType != "D":
		return errors.New("visa_type must be B, C or D")
	case f.Entries != "" && f.Entries != "single" && f.Entries != "double" && f.Entries != "multiple":
		return errors.New("entries must be single, double, multiple or empty")
	case !amountPattern.MatchString(f.Amount):
		return errors.New("amount must be a non-negative decimal such as 35 or 35.50")
	case !currencyPattern.MatchString(f.Currency):
		return errors.New("currency must be an ISO 4217 code such as EUR")
	case !mission.ValidDay(f.ValidFrom):
		return errors.New("valid_from must be a date YYYY-MM-DD")
	case f.ValidTo != "" && (!mission.ValidDay(f.ValidTo) || f.ValidTo < f.ValidFrom):
		return errors.New("valid_to must be a date on or after valid_from")
	}
	return nil
}

func describe(err error) string {
	var e *chancery.Error
	if errors.As(err, &e) {
		if f, ok := e.Data["Field"]; ok {
			return fmt.Sprintf("%v is missing or malformed", f)
		}
		return e.Key
	}
	return err.Error()
}
