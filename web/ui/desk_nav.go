package ui

import (
	"strings"

	"github.com/chancery-platform/chancery/staff"
)

// StaffSection is one section of the staff desk's own navigation.
type StaffSection struct {
	Path    string
	Key     string // its name's message key
	Current bool   // the page shown belongs to it
}

// staffSection is a section of the desk, the action a role needs to use
// it and the paths of its pages.
type staffSection struct {
	path, key string
	action    staff.Action
	match     func(path string) bool
}

func under(prefixes ...string) func(string) bool {
	return func(path string) bool {
		for _, p := range prefixes {
			if path == p || strings.HasPrefix(path, p+"/") {
				return true
			}
		}
		return false
	}
}

// appointmentPages are the pages of a mission's appointments: its day
// sheet and closures, its services' places and releases.
func appointmentPages(path string) bool {
	if under("/staff/services", "/staff/releases", "/staff/bookings")(path) {
		return true
	}
	return strings.HasPrefix(path, "/staff/missions/") && (strings.HasSuffix(path, "/day") || strings.HasSuffix(path, "/closures"))
}

var staffSections = []staffSection{
	{"/staff", "desk.title", staff.ViewDesk, func(p string) bool {
		return p == "/staff" || under("/staff/applications")(p) || (under("/staff/missions")(p) && !appointmentPages(p))
	}},
	{"/staff#appointments", "desk.appointments", staff.ReadDaySheet, appointmentPages},
	{"/staff/record", "record.title", staff.ViewDesk, under("/staff/record")},
	{"/staff/sources", "desk.sources", staff.ViewDesk, under("/staff/sources")},
	{"/staff/events", "staff_events.title", staff.ReadAttendance, under("/staff/events", "/staff/registrations")},
	{"/staff/match", "desk.match", staff.ViewDesk, under("/staff/match")},
	{"/staff/outbox", "outbox.title", staff.ReadOutbox, under("/staff/outbox")},
	{"/staff/audit", "desk.audit", staff.ReadAudit, under("/staff/audit")},
	{"/staff/users", "desk.users", staff.ManageUsers, under("/staff/users")},
	{"/staff/password", "account.title", staff.OwnAccount, under("/staff/password", "/staff/sessions")},
}

// OnStaffPage reports whether the page is one of the staff desk's, seen
// by a signed-in member: such a page shows the desk's navigation.
func (v *View) OnStaffPage() bool {
	return v.User != nil && under("/staff")(v.r.URL.Path) && v.r.URL.Path != "/staff/login"
}

// StaffSections lists the sections of the desk the signed-in member's
// role may use, the one the page belongs to marked current.
func (v *View) StaffSections() []StaffSection {
	if v.User == nil {
		return nil
	}
	var out []StaffSection
	for _, s := range staffSections {
		if staff.Can(v.User.Role, s.action) {
			out = append(out, StaffSection{Path: s.path, Key: s.key, Current: s.match(v.r.URL.Path)})
		}
	}
	return out
}

// RoleName is the signed-in member's role in the reader's language.
func (v *View) RoleName() string {
	if v.User == nil {
		return ""
	}
	return v.T("role." + string(v.User.Role))
}

// DeskNotice is what the desk says after an officer marks, mails or
// undoes something about one person: what was saved, about whom, and where
// the undo goes.
type DeskNotice struct {
	Saved, Name, Reference, Undo string
}

// Notice is the view for the "desk_notice" partial.
func (v *View) Notice(saved, name, reference, undo string) *View {
	return v.With(DeskNotice{Saved: saved, Name: name, Reference: reference, Undo: undo})
}
