package web

import "github.com/chancery-platform/chancery/staff"

// recordRoutes registers the routes of the staff editor, import and export
// of the relationship's record. Paths of one record are
// /staff/record/{kind}/{id}; "new", "restore" and "export" come before a kind, so no
// record identifier can hide them.
func (s *Server) recordRoutes() {
	s.handle("/staff/record", methods{"GET": s.staffOnly(staff.ViewDesk, s.recordDesk)})
	s.handle("/staff/record/import", methods{"POST": s.staffOnly(staff.ImportRecord, s.recordImport)})
	s.handle("/staff/record/export/{file}", methods{"GET": s.staffOnly(staff.ViewDesk, s.recordExport)})
	s.handle("/staff/record/new/{kind}", methods{"GET": s.staffOnly(staff.EditRecord, s.recordNew)})
	s.handle("/staff/record/{kind}", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.recordList),
		"POST": s.staffOnly(staff.EditRecord, s.recordCreate),
	})
	s.handle("/staff/record/restore/{kind}", methods{"POST": s.staffOnly(staff.EditRecord, s.recordRestore)})
	s.handle("/staff/record/{kind}/{id}", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.recordEdit),
		"POST": s.staffOnly(staff.EditRecord, s.recordUpdate),
	})
	s.handle("/staff/record/{kind}/{id}/delete", methods{"POST": s.staffOnly(staff.EditRecord, s.recordDelete)})
}
