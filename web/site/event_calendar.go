package site

import (
	"net/url"

	"github.com/chancery-platform/chancery/events"
)

// CalendarURL is the registration's calendar file, with the token.
func (p registrationPage) CalendarURL() string {
	return "/api/v1/registrations/" + url.PathEscape(p.Registration.Reference) + "/calendar.ics?token=" + url.QueryEscape(p.Token)
}

// HasPlace reports whether the registration holds a place, and so a
// calendar entry.
func (p registrationPage) HasPlace() bool {
	return p.Registration.Status == events.Registered || p.Registration.Status == events.CheckedIn
}
