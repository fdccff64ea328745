package desk

import (
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// recordRoutes registers the routes of the staff editor, import and export
// of the relationship's record. Paths of one record are
// /staff/record/{kind}/{id}; "new", "restore" and "export" come before a kind, so no
// record identifier can hide them.
func (s *Server) recordRoutes() {
	s.Handle("/staff/record", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.recordDesk)})
	s.Handle("/staff/record/import", ui.Methods{"POST": s.StaffOnly(staff.ImportRecord, s.recordImport)})
	s.Handle("/staff/record/export/{file}", ui.Methods{"GET": s.StaffOnly(staff.ViewDesk, s.recordExport)})
	s.Handle("/staff/record/new/{kind}", ui.Methods{"GET": s.StaffOnly(staff.EditRecord, s.recordNew)})
	s.Handle("/staff/record/{kind}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.recordList),
		"POST": s.StaffOnly(staff.EditRecord, s.recordCreate),
	})
	s.Handle("/staff/record/restore/{kind}", ui.Methods{"POST": s.StaffOnly(staff.EditRecord, s.recordRestore)})
	s.Handle("/staff/record/{kind}/{id}", ui.Methods{
		"GET":  s.StaffOnly(staff.ViewDesk, s.recordEdit),
		"POST": s.StaffOnly(staff.EditRecord, s.recordUpdate),
	})
	s.Handle("/staff/record/{kind}/{id}/delete", ui.Methods{"POST": s.StaffOnly(staff.EditRecord, s.recordDelete)})
}
