package desk

import (
	"net/http"
	"strconv"

	"github.com/chancery-platform/chancery/store"
)

// auditPage is a page of the audit log, newest first.
type auditPage struct {
	Entries []store.AuditEntry
	Next    int64
	Zone    string
}

const auditPageSize = 50

func (s *Server) auditShow(w http.ResponseWriter, r *http.Request) {
	f := store.AuditFilter{Limit: auditPageSize, Entity: r.URL.Query().Get("entity"), EntityID: r.URL.Query().Get("id")}
	if b, err := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64); err == nil && b > 0 {
		f.Before = b
	}
	if len(f.Entity) > 64 || len(f.EntityID) > 200 {
		f.Entity, f.EntityID = "", ""
	}
	entries, err := s.DB.AuditLog(r.Context(), f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := auditPage{Entries: entries, Zone: "Asia/Shanghai"}
	if len(entries) == auditPageSize {
		p.Next = entries[len(entries)-1].ID
	}
	s.Render(w, r, "audit", p)
}
