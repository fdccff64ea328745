// Package desk serves the staff desk under /staff: sign-in, the
// missions, districts and citations editor, sources, users and the audit
// log, the record of the relationship, appointments (day sheets,
// capacity, closures, releases, the outbox), events and their check-in,
// and business matchmaking. Every route checks the staff member's role;
// every change is audited.
package desk

import (
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// Server is the staff desk's handlers over the shared ui.Server, whose
// workflows they call.
type Server struct{ *ui.Server }

// New returns the staff desk over base.
func New(base *ui.Server) *Server { return &Server{Server: base} }

// Register adds the desk's routes to the shared mux.
func (s *Server) Register() {
	s.Handle("/staff/login", ui.Methods{"GET": s.LoginShow, "POST": s.LoginSubmit}.NoStore())
	s.Handle("/staff/logout", ui.Methods{"POST": s.StaffOnly(staff.OwnAccount, s.Logout)})
	s.Handle(ui.PasswordPath, ui.Methods{
		"GET":  s.StaffOnly(staff.OwnAccount, s.passwordShow),
		"POST": s.StaffOnly(staff.OwnAccount, s.passwordChange),
	})
	s.Handle("/staff/sessions/end", ui.Methods{"POST": s.StaffOnly(staff.OwnAccount, s.signOutEverywhere)})
	s.Handle("/staff", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.deskShow)})
	s.Handle("/staff/missions/{id}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.missionEditShow),
		"POST": s.StaffOnly(staff.EditMission, s.missionUpdate),
	})
	s.Handle("/staff/missions/{id}/memberships", ui.Methods{"POST": s.StaffOnly(staff.EditDistrict, s.membershipCreate)})
	s.Handle("/staff/memberships/{mid}/end", ui.Methods{"POST": s.StaffOnly(staff.EditDistrict, s.membershipEnd)})
	s.Handle("/staff/memberships/{mid}/delete", ui.Methods{"POST": s.StaffOnly(staff.EditDistrict, s.membershipDelete)})
	s.Handle("/staff/missions/{id}/claims", ui.Methods{"POST": s.StaffOnly(staff.EditCitations, s.claimCreate)})
	s.Handle("/staff/claims/{cid}/delete", ui.Methods{"POST": s.StaffOnly(staff.EditCitations, s.claimDelete)})
	s.Handle("/staff/sources", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.sourceAdmin),
		"POST": s.StaffOnly(staff.EditCitations, s.sourceCreate),
	})
	s.Handle("/staff/audit", ui.Methods{"GET": s.StaffOnly(staff.ReadAudit, s.auditShow)})
	s.Handle("/staff/users", ui.Methods{
		"GET":  s.StaffOnly(staff.ManageUsers, s.userList),
		"POST": s.StaffOnly(staff.ManageUsers, s.userCreate),
	})
	s.Handle("/staff/users/{username}/role", ui.Methods{"POST": s.StaffOnly(staff.ManageUsers, s.userRole)})
	s.Handle("/staff/users/{username}/disable", ui.Methods{"POST": s.StaffOnly(staff.DisableUsers, s.userDisable)})
	s.Handle("/staff/users/{username}/enable", ui.Methods{"POST": s.StaffOnly(staff.DisableUsers, s.userEnable)})
	s.Handle("/staff/users/{username}/password", ui.Methods{"POST": s.StaffOnly(staff.ResetPasswords, s.userReset)})
	s.Handle("/staff/users/{username}/sessions/end", ui.Methods{"POST": s.StaffOnly(staff.EndSessions, s.userEndSessions)})
	s.Handle("/staff/applications/{reference}/files/{id}", ui.Methods{"GET": s.StaffOnly(staff.CaseFiles, s.applicationFileDownload)})
	s.Handle("/staff/missions/{id}/case-types", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.caseTypeList)})
	s.Handle("/staff/missions/{id}/case-types/{type}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.caseTypeShow),
		"POST": s.StaffOnly(staff.EditCaseTypes, s.caseTypeSave),
	})
	s.Handle("/staff/missions/{id}/retention", ui.Methods{"GET": s.StaffOnly(staff.Retention, s.retentionShow)})
	s.Handle("/staff/missions/{id}/retention/approve", ui.Methods{"POST": s.StaffOnly(staff.Retention, s.retentionApprove)})
	s.Handle("/staff/missions/{id}/retention/hold", ui.Methods{"POST": s.StaffOnly(staff.Retention, s.retentionHold)})
	s.Handle("/staff/missions/{id}/retention/lift", ui.Methods{"POST": s.StaffOnly(staff.Retention, s.retentionLift)})
	s.Handle("/staff/documents/{code}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.documentShow),
		"POST": s.StaffOnly(staff.RevokeDocuments, s.documentRevoke),
	})
	s.Handle("/staff/applications/{reference}/document.pdf", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.applicationDocument)})
	s.Handle("/staff/missions/{id}/day", ui.Methods{"GET": s.StaffOnly(staff.ReadDaySheet, s.daySheet)})
	s.Handle("/staff/bookings/{reference}/attendance", ui.Methods{"POST": s.StaffOnly(staff.ReadDaySheet, s.attendanceMark)})
	s.Handle("/staff/bookings/{reference}/attendance/undo", ui.Methods{"POST": s.StaffOnly(staff.ReadDaySheet, s.attendanceUndo)})
	s.Handle("/staff/bookings/{reference}/resend", ui.Methods{"POST": s.StaffOnly(staff.ReadDaySheet, s.bookingResend)})
	s.Handle("/staff/services/{id}", ui.Methods{
		"GET":  s.StaffOnly(staff.ReadDaySheet, s.serviceShow),
		"POST": s.StaffOnly(staff.ManageCapacity, s.serviceUpdate),
	})
	s.Handle("/staff/services/{id}/hold", ui.Methods{"POST": s.StaffOnly(staff.ManageCapacity, s.slotHold)})
	s.Handle("/staff/services/{id}/hold-day", ui.Methods{"POST": s.StaffOnly(staff.ManageCapacity, s.dayHold)})
	s.Handle("/staff/missions/{id}/closures", ui.Methods{
		"GET":  s.StaffOnly(staff.ReadDaySheet, s.closureList),
		"POST": s.StaffOnly(staff.ManageCapacity, s.closureCreate),
	})
	s.Handle("/staff/missions/{id}/closures/delete", ui.Methods{"POST": s.StaffOnly(staff.ManageCapacity, s.closureDelete)})
	s.Handle("/staff/outbox", ui.Methods{"GET": s.StaffOnly(staff.ReadOutbox, s.outboxList)})
	s.Handle("/staff/outbox/{id}", ui.Methods{"GET": s.StaffOnly(staff.ReadOutbox, s.outboxShow)})
	s.Handle("/staff/services/{id}/releases", ui.Methods{
		"GET":  s.StaffOnly(staff.ReadDaySheet, s.releaseList),
		"POST": s.StaffOnly(staff.ManageCapacity, s.releaseCreate),
	})
	s.Handle("/staff/releases/{rid}/draw", ui.Methods{"POST": s.StaffOnly(staff.ManageCapacity, s.releaseDraw)})
	s.Handle("/staff/match", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.matchProfileList)})
	s.Handle("/staff/match/profiles/{entity}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.matchProfileShow),
		"POST": s.StaffOnly(staff.CurateMatches, s.matchProfileSave),
	})
	s.Handle("/staff/match/suggestions", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.matchSuggestionList)})
	s.Handle("/staff/match/suggestions/{a}/{b}", ui.Methods{"POST": s.StaffOnly(staff.CurateMatches, s.matchDecide)})
	s.Handle("/staff/match/introductions", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.matchIntroList),
		"POST": s.StaffOnly(staff.RecordIntros, s.matchIntroCreate),
	})
	s.Handle("/staff/match/introductions/{id}/outcome", ui.Methods{"POST": s.StaffOnly(staff.RecordIntros, s.matchIntroOutcome)})
	s.Handle("/staff/events", ui.Methods{"GET": s.StaffOnly(staff.ReadAttendance, s.staffEventList)})
	s.Handle("/staff/events/{id}", ui.Methods{
		"GET":  s.StaffOnly(staff.ReadAttendance, s.staffEventShow),
		"POST": s.StaffOnly(staff.ManageEvents, s.staffEventSave),
	})
	s.Handle("/staff/events/{id}/registrations", ui.Methods{"GET": s.StaffOnly(staff.ReadAttendance, s.attendanceList)})
	s.Handle("/staff/registrations/{reference}/check-in", ui.Methods{"POST": s.StaffOnly(staff.ReadAttendance, s.registrationCheckIn)})
	s.Handle("/staff/registrations/{reference}/check-in/undo", ui.Methods{"POST": s.StaffOnly(staff.ReadAttendance, s.checkInUndo)})
	s.Handle("/staff/registrations/{reference}/resend", ui.Methods{"POST": s.StaffOnly(staff.ReadAttendance, s.registrationResend)})
	s.recordRoutes()
	s.caseRoutes()
	s.userMissionsRoutes()
}
