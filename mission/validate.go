package mission

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mail"
)

var (
	slugPattern        = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)
	countryPattern     = regexp.MustCompile(`^[A-Z]{2}$`)
	subdivisionPattern = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
	partialDatePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// ValidDay reports whether s is a real calendar day written YYYY-MM-DD.
func ValidDay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func validPartialDate(s string) bool {
	if s == "" || !partialDatePattern.MatchString(s) {
		return s == ""
	}
	switch len(s) {
	case 4:
		return true
	case 7:
		_, err := time.Parse("2006-01", s)
		return err == nil
	}
	return ValidDay(s)
}

// ValidSubdivisionCode reports whether code has the shape of an ISO 3166-2 code.
func ValidSubdivisionCode(code string) bool { return subdivisionPattern.MatchString(code) }

func invalid(field string) error {
	return chancery.Errorf(chancery.EINVALID, "error.field_invalid", "Field", field)
}

func checkText(field string, t Text, required bool, max int) error {
	if required && strings.TrimSpace(t["en"]) == "" {
		return chancery.Errorf(chancery.EINVALID, "error.field_required", "Field", field)
	}
	for lang, s := range t {
		switch lang {
		case "en", "zh", "ru", "be":
		default:
			return invalid(field)
		}
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
			return invalid(field)
		}
	}
	return nil
}

// Validate checks a mission before it is stored. It reports every field
// in error, each an EINVALID *chancery.Error naming it in Data["Field"],
// joined in the form's order (chancery.Errors lists them; errors.As finds
// the first).
func (m Mission) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if !slugPattern.MatchString(m.ID) {
		add(invalid("id"))
	}
	if !countryPattern.MatchString(m.Country) {
		add(invalid("country"))
	}
	if !countryPattern.MatchString(m.Host) {
		add(invalid("host"))
	}
	if !ValidKind(m.Kind) {
		add(invalid("kind"))
	}
	for _, f := range []struct {
		name     string
		t        Text
		required bool
	}{{"name", m.Name, true}, {"city", m.City, true}, {"address", m.Address, false}, {"hours", m.Hours, false},
		{"directions", m.Directions, false}, {"emergency", m.Emergency, false}, {"notes", m.Notes, false}} {
		add(checkText(f.name, f.t, f.required, 2000))
	}
	add(m.Head.validate("head"))
	if !validPartialDate(m.OpenedOn) {
		add(invalid("opened_on"))
	}
	if _, err := time.LoadLocation(m.TimeZone); err != nil || m.TimeZone == "" || m.TimeZone == "Local" {
		add(invalid("time_zone"))
	}
	if len(m.Phone) > 64 {
		add(invalid("phone"))
	}
	// The mission's address organises its appointments' calendar entries:
	// it must be one mail can reach.
	if len(m.Email) > 254 || (m.Email != "" && mail.CheckAddress(m.Email) != nil) {
		add(invalid("email"))
	}
	add(checkWebAddress("website", m.Website, 500))
	if len(m.FormerHeads) > 50 {
		add(invalid("former_heads"))
	}
	for _, h := range m.FormerHeads {
		add(h.validate("former_heads"))
	}
	for _, c := range m.Citations {
		add(c.Validate())
	}
	return errors.Join(errs...)
}

// Validate checks a source before it is stored.
// Every field in error is reported, joined in the form's order.
func (s Source) Validate() error {
	var errs []error
	if !slugPattern.MatchString(s.ID) {
		errs = append(errs, invalid("source.id"))
	}
	if utf8.RuneCountInString(s.Title) > 500 {
		errs = append(errs, invalid("source.title"))
	}
	if utf8.RuneCountInString(s.Publisher) > 300 {
		errs = append(errs, invalid("source.publisher"))
	}
	switch {
	case !validPartialDate(s.Published):
		errs = append(errs, invalid("source.published"))
	case !validDateKind(s.DateKind, s.Published):
		errs = append(errs, invalid("source.date_kind"))
	}
	errs = append(errs, checkWebAddress("source.url", s.URL, 2000))
	if len(s.Language) > 10 {
		errs = append(errs, invalid("source.language"))
	}
	if s.VersionOf != "" && (!slugPattern.MatchString(s.VersionOf) || s.VersionOf == s.ID) {
		errs = append(errs, invalid("source.version_of"))
	}
	if s.Note.Longest() > 2000 {
		errs = append(errs, invalid("source.note"))
	}
	return errors.Join(errs...)
}

// validDateKind reports whether kind fits a source dated published: an
// undated source has no date, a dated one is published or page dated, and
// "" (a source entered before kinds were kept) is read from the date.
func validDateKind(kind DateKind, published string) bool {
	switch kind {
	case "":
		return true
	case DateUndated:
		return published == ""
	case DatePublished, DatePageDated:
		return published != ""
	}
	return false
}

// Validate checks a citation's shape; whether its source exists is the store's
// concern. A sourced statement has a source and a quote; a statement set by
// the mission has neither, and a note saying what the mission set.
func (c Citation) Validate() error {
	var errs []error
	if c.SetByMission {
		if c.SourceID != "" || c.Quote != "" || len(c.Translation) > 0 {
			errs = append(errs, invalid("citation.set_by_mission"))
		}
		if c.Note.Empty() || c.Note.Longest() > 2000 {
			errs = append(errs, invalid("citation.note"))
		}
		return errors.Join(errs...)
	}
	if !slugPattern.MatchString(c.SourceID) {
		errs = append(errs, invalid("citation.source"))
	}
	if strings.TrimSpace(c.Quote) == "" || utf8.RuneCountInString(c.Quote) > 5000 {
		errs = append(errs, invalid("citation.quote"))
	}
	if c.Note.Longest() > 2000 || c.Translation.Longest() > 5000 {
		errs = append(errs, invalid("citation.note"))
	}
	return errors.Join(errs...)
}

// validate reports every field of a head in error, joined.
func (h Head) validate(field string) error {
	var errs []error
	switch {
	case !validPartialDate(h.Since):
		errs = append(errs, invalid(field+".since"))
	case !validPartialDate(h.Until) || (h.Until != "" && h.Since != "" && h.Until < h.Since):
		errs = append(errs, invalid(field+".until"))
	}
	if !validPartialDate(h.AsOf) {
		errs = append(errs, invalid(field+".as_of"))
	}
	if len(h.Source) > 200 {
		errs = append(errs, invalid(field+".source"))
	}
	errs = append(errs, checkText(field+".name", h.Name, false, 2000), checkText(field+".title", h.Title, false, 2000))
	return errors.Join(errs...)
}

// Validate checks a membership before it is stored.
func (ms Membership) Validate() error {
	var errs []error
	if !ValidSubdivisionCode(ms.Subdivision) {
		errs = append(errs, invalid("subdivision"))
	}
	switch {
	case !ValidDay(ms.ValidFrom):
		errs = append(errs, invalid("valid_from"))
	case ms.ValidTo != "" && (!ValidDay(ms.ValidTo) || ms.ValidTo < ms.ValidFrom):
		errs = append(errs, invalid("valid_to"))
	}
	return errors.Join(append(errs, checkText("district.note", ms.Note, false, 2000))...)
}

// Validate checks a claim before it is stored.
func (c Claim) Validate() error {
	errs := []error{c.Citation.Validate()}
	for _, s := range c.Subdivisions {
		if !ValidSubdivisionCode(s) {
			errs = append(errs, invalid("claim.subdivisions"))
			break
		}
	}
	for _, r := range c.Readings {
		if !ValidSubdivisionCode(r.Subdivision) || r.Written == "" || (r.Literal != "" && !ValidSubdivisionCode(r.Literal)) {
			errs = append(errs, invalid("claim.readings"))
			break
		}
	}
	return errors.Join(errs...)
}
