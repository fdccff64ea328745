package ui

import (
	"maps"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/store"
)

// TestAuditActionsNamed: every action the store writes to the audit log,
// and every status of a booking or a registration, has a name in each of
// the four languages, so the audit log never shows a code to the desk.
func TestAuditActionsNamed(t *testing.T) {
	statuses := []string{
		string(booking.Pending), string(booking.Confirmed), string(booking.Cancelled), string(booking.CheckedIn), string(booking.NoShow),
		string(events.Registered), string(events.Waitlisted), string(events.Cancelled), string(events.CheckedIn),
	}
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		all := map[string]string{}
		for _, msgs := range localeStrings(t, lang) {
			maps.Copy(all, msgs)
		}
		for _, a := range store.AuditActions() {
			if strings.TrimSpace(all["audit.action."+a]) == "" {
				t.Errorf("%s: the audit action %s has no name (audit.action.%s)", lang, a, a)
			}
		}
		for _, s := range statuses {
			if strings.TrimSpace(all["audit.status."+s]) == "" {
				t.Errorf("%s: the status %s has no name in the audit log (audit.status.%s)", lang, s, s)
			}
		}
	}
}
