// Package staff holds the mission's staff accounts, their roles and what each
// role may do. Every staff action in the web layer asks Can before acting.
package staff

import (
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
)

// Role is a staff member's role.
type Role string

// The roles, from most to least powerful.
const (
	Admin   Role = "admin"   // runs the installation: accounts, imports
	Consul  Role = "consul"  // decides the mission's data: districts, facts
	Officer Role = "officer" // front desk: reads the record, adds sources
)

// Roles lists every role in order of power.
var Roles = []Role{Admin, Consul, Officer}

// ValidRole reports whether r is a known role.
func ValidRole(r Role) bool { return r == Admin || r == Consul || r == Officer }

// Action is something a staff member may be allowed to do.
type Action string

// Staff actions. Every staff route names one.
const (
	ViewDesk      Action = "desk.view"      // see the staff pages at all
	EditMission   Action = "mission.edit"   // change a mission's facts
	EditDistrict  Action = "district.edit"  // add or end district memberships
	EditCitations Action = "citation.edit"  // add or remove sources and claims
	ReadAudit     Action = "audit.read"     // read the audit log
	ManageUsers   Action = "user.manage"    // create accounts and change roles
	ImportDataset Action = "dataset.import" // re-import the dataset file

	ReadDaySheet   Action = "booking.daysheet" // see the day's bookings with personal data, mark attendance
	ManageCapacity Action = "booking.capacity" // change services, hold places, close days, run releases
	ReadOutbox     Action = "outbox.read"      // read the mail the platform sends

	EditRecord   Action = "record.edit"   // edit the relationship's record: entities, partnerships, agreements, events, trade figures
	ImportRecord Action = "record.import" // import the record from CSV or JSON through the web

	ManageEvents   Action = "event.manage"     // open and close an event's registration, set its capacity
	ReadAttendance Action = "event.attendance" // see an event's registrations with personal data, check people in

	CurateMatches Action = "match.curate"    // accept or dismiss suggested counterparts, edit organisations' offers and needs
	RecordIntros  Action = "match.introduce" // record introductions between organisations and their outcomes

	OwnAccount     Action = "account.own"   // change one's own password, sign out here or everywhere
	DisableUsers   Action = "user.disable"  // disable and re-enable another's account
	ResetPasswords Action = "user.reset"    // set another's password, to be changed at their next sign-in
	EndSessions    Action = "user.sessions" // end all of another's sessions

	EditCaseTypes Action = "casetype.edit"  // change what a mission's case types ask, require and decide
	Retention     Action = "case.retention" // approve the destruction of cases past their keeping, put cases on legal hold

	// RevokeDocuments: revoke an issued document, so its verify page says
	// so. Consuls decide cases, so they undo a document; admins too, who
	// could give themselves the consul's role anyway (the audit log names
	// who revoked).
	RevokeDocuments Action = "document.revoke"
	CaseFiles       Action = "case.files" // download the files applicants uploaded (each download audited)

	ReadCases   Action = "case.read"   // see a mission's workqueues and open its cases (each read audited)
	WorkCases   Action = "case.work"   // take a case, check it, ask the applicant for more, record the fee
	DecideCases Action = "case.decide" // issue or refuse a case, take a case over from its assignee
)

// Actions lists every action, for the role matrix.
var Actions = []Action{ViewDesk, EditMission, EditDistrict, EditCitations, ReadAudit, ManageUsers, ImportDataset,
	ReadDaySheet, ManageCapacity, ReadOutbox, EditRecord, ImportRecord, ManageEvents, ReadAttendance, CurateMatches, RecordIntros,
	OwnAccount, DisableUsers, ResetPasswords, EndSessions, EditCaseTypes, Retention, RevokeDocuments, CaseFiles,
	ReadCases, WorkCases, DecideCases}

var grants = map[Role]map[Action]bool{
	Admin: {ViewDesk: true, EditMission: true, EditDistrict: true, EditCitations: true, ReadAudit: true, ManageUsers: true, ImportDataset: true,
		ReadDaySheet: true, ManageCapacity: true, ReadOutbox: true,
		EditRecord: true, ImportRecord: true, ManageEvents: true, ReadAttendance: true, CurateMatches: true, RecordIntros: true,
		OwnAccount: true, DisableUsers: true, ResetPasswords: true, EndSessions: true, EditCaseTypes: true, Retention: true, RevokeDocuments: true, CaseFiles: true,
		ReadCases: true},
	Consul: {ViewDesk: true, EditMission: true, EditDistrict: true, EditCitations: true, ReadAudit: true,
		ReadDaySheet: true, ManageCapacity: true, ReadOutbox: true,
		EditRecord: true, ManageEvents: true, ReadAttendance: true, CurateMatches: true, RecordIntros: true,
		OwnAccount: true, Retention: true, RevokeDocuments: true, CaseFiles: true, ReadCases: true, WorkCases: true, DecideCases: true},
	Officer: {ViewDesk: true, EditCitations: true, ReadDaySheet: true, ReadAttendance: true, RecordIntros: true,
		OwnAccount: true, CaseFiles: true, ReadCases: true, WorkCases: true},
}

// Can reports whether a member with role r may perform a.
func Can(r Role, a Action) bool { return grants[r][a] }

// User is a staff account.
type User struct {
	ID        int64
	Username  string
	Role      Role
	CreatedAt time.Time
	Disabled  bool
	// MustChangePassword is set while the account's password is one it did
	// not choose (generated at first start or by an administrator, or set by
	// one): until it is changed, every staff page leads to the change form.
	MustChangePassword bool
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,31}$`)

// ValidateUsername checks a new account's name: 2 to 32 lower-case letters,
// digits, dots, dashes or underscores.
func ValidateUsername(name string) error {
	if !usernamePattern.MatchString(name) {
		return chancery.Errorf(chancery.EINVALID, "error.username_invalid", "Field", "username")
	}
	return nil
}

// MinPasswordLength is the shortest password accepted for a new account.
const MinPasswordLength = 12

// ValidatePassword checks a new password's length; length beats composition
// rules. Its errors name the field "password".
func ValidatePassword(pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		return chancery.Errorf(chancery.EINVALID, "error.password_short", "Min", MinPasswordLength, "Field", "password")
	}
	if len(pw) > 1024 {
		return chancery.Errorf(chancery.EINVALID, "error.password_long", "Field", "password")
	}
	return nil
}

// ValidateSignIn checks that a sign-in form has both its answers, each
// missing one an EINVALID error naming its field, joined. Whether they
// match an account is the store's to say, in one answer for both.
func ValidateSignIn(username, password string) error {
	var errs []error
	if strings.TrimSpace(username) == "" {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.login_username_required", "Field", "username"))
	}
	if password == "" {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.login_password_required", "Field", "password"))
	}
	return errors.Join(errs...)
}

// ValidateAccount checks a new account's name and role, every problem at
// once, each an EINVALID error naming its field ("username", "role").
func ValidateAccount(username string, role Role) error {
	errs := []error{ValidateUsername(username)}
	if !ValidRole(role) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.role_unknown", "Field", "role"))
	}
	return errors.Join(errs...)
}
