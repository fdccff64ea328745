package mission

import (
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

// Validate checks a mission before it is stored.
func (m Mission) Validate() error {
	switch {
	case !slugPattern.MatchString(m.ID):
		return invalid("id")
	case !countryPattern.MatchString(m.Country):
		return invalid("country")
	case !countryPattern.MatchString(m.Host):
		return invalid("host")
	case !ValidKind(m.Kind):
		return invalid("kind")
	case !validPartialDate(m.OpenedOn):
		return invalid("opened_on")
	case len(m.FormerHeads) > 50:
		return invalid("former_heads")
	case len(m.Phone) > 64 || len(m.Email) > 254:
		return invalid("contacts")
	}
	if err := checkWebAddress("website", m.Website, 500); err != nil {
		return err
	}
	// The mission's address organises its appointments' calendar entries:
	// it must be one mail can reach.
	if m.Email != "" && mail.CheckAddress(m.Email) != nil {
		return invalid("email")
	}
	if _, err := time.LoadLocation(m.TimeZone); err != nil || m.TimeZone == "" || m.TimeZone == "Local" {
		return invalid("time_zone")
	}
	for _, f := range []struct {
		name     string
		t        Text
		required bool
	}{{"name", m.Name, true}, {"city", m.City, true}, {"address", m.Address, false}, {"hours", m.Hours, false},
		{"notes", m.Notes, false}, {"directions", m.Directions, false}, {"emergency", m.Emergency, false}} {
		if err := checkText(f.name, f.t, f.required, 2000); err != nil {
			return err
		}
	}
	if err := m.Head.validate("head"); err != nil {
		return err
	}
	for _, h := range m.FormerHeads {
		if err := h.validate("former_heads"); err != nil {
			return err
		}
	}
	for _, c := range m.Citations {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a source before it is stored.
func (s Source) Validate() error {
	switch {
	case !slugPattern.MatchString(s.ID):
		return invalid("source.id")
	case utf8.RuneCountInString(s.Title) > 500:
		return invalid("source.title")
	case !validPartialDate(s.Published):
		return invalid("source.published")
	case !validDateKind(s.DateKind, s.Published):
		return invalid("source.date_kind")
	case s.VersionOf != "" && (!slugPattern.MatchString(s.VersionOf) || s.VersionOf == s.ID):
		return invalid("source.version_of")
	case utf8.RuneCountInString(s.Publisher) > 300 || s.Note.Longest() > 2000 || len(s.Language) > 10:
		return invalid("source")
	}
	return checkWebAddress("source.url", s.URL, 2000)
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
	if c.SetByMission {
		switch {
		case c.SourceID != "" || c.Quote != "" || len(c.Translation) > 0:
			return invalid("citation.set_by_mission")
		case c.Note.Empty() || c.Note.Longest() > 2000:
			return invalid("citation.note")
		}
		return nil
	}
	switch {
	case !slugPattern.MatchString(c.SourceID):
		return invalid("citation.source")
	case strings.TrimSpace(c.Quote) == "" || utf8.RuneCountInString(c.Quote) > 5000:
		return invalid("citation.quote")
	case c.Note.Longest() > 2000 || c.Translation.Longest() > 5000:
		return invalid("citation.note")
	}
	return nil
}

func (h Head) validate(field string) error {
	switch {
	case !validPartialDate(h.Since):
		return invalid(field + ".since")
	case !validPartialDate(h.Until) || (h.Until != "" && h.Since != "" && h.Until < h.Since):
		return invalid(field + ".until")
	case !validPartialDate(h.AsOf):
		return invalid(field + ".as_of")
	case len(h.Source) > 200:
		return invalid(field + ".source")
	}
	if err := checkText(field+".name", h.Name, false, 2000); err != nil {
		return err
	}
	return checkText(field+".title", h.Title, false, 2000)
}

// Validate checks a membership before it is stored.
func (ms Membership) Validate() error {
	switch {
	case !ValidSubdivisionCode(ms.Subdivision):
		return invalid("subdivision")
	case !ValidDay(ms.ValidFrom):
		return invalid("valid_from")
	case ms.ValidTo != "" && (!ValidDay(ms.ValidTo) || ms.ValidTo < ms.ValidFrom):
		return invalid("valid_to")
	}
	return checkText("district.note", ms.Note, false, 2000)
}

// Validate checks a claim before it is stored.
func (c Claim) Validate() error {
	if err := c.Citation.Validate(); err != nil {
		return err
	}
	for _, s := range c.Subdivisions {
		if !ValidSubdivisionCode(s) {
			return invalid("claim.subdivisions")
		}
	}
	for _, r := range c.Readings {
		if !ValidSubdivisionCode(r.Subdivision) || r.Written == "" || (r.Literal != "" && !ValidSubdivisionCode(r.Literal)) {
			return invalid("claim.readings")
		}
	}
	return nil
}
