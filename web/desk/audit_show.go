package desk

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// auditEntry is an entry of the audit log with its change field by field.
type auditEntry struct {
	store.AuditEntry
	Changes []fieldChange
}

// auditFilters are the audit page's filters as the form sends them.
type auditFilters struct {
	Who, What, Object, ID, From, To string
}

// auditPage is a page of the audit log, newest first, narrowed by the
// filters, with links to the newer and older pages that keep them.
type auditPage struct {
	Entries []auditEntry
	Filters auditFilters
	Choices store.AuditChoices
	Newer   string // the address of the page of newer entries, "" when none
	Older   string // the address of the page of older entries, "" when none
	Zone    string
}

const auditPageSize = 50

// auditZone is the time zone the audit log's times and date filters are in.
const auditZone = "Asia/Shanghai"

func (s *Server) auditShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fs := auditFilters{Who: q.Get("who"), What: q.Get("what"), Object: q.Get("object"), ID: q.Get("id"), From: q.Get("from"), To: q.Get("to")}
	if len(fs.Who) > 64 || len(fs.What) > 64 || len(fs.Object) > 64 || len(fs.ID) > 200 {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.audit_filter_long"))
		return
	}
	f := store.AuditFilter{Actor: fs.Who, Action: fs.What, Entity: fs.Object, EntityID: fs.ID, Limit: auditPageSize + 1}
	zone := mission.Zone(auditZone)
	if fs.From != "" {
		d, err := calendar.ParseDate(fs.From)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		f.From = d.In(zone)
	}
	if fs.To != "" {
		d, err := calendar.ParseDate(fs.To)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		f.Until = d.AddDays(1).In(zone) // the whole last day
	}
	for name, dst := range map[string]*int64{"before": &f.Before, "after": &f.After} {
		if v := q.Get(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.bad_page"))
				return
			}
			*dst = n
		}
	}
	if f.After > 0 {
		f.Before = 0
	}
	entries, err := s.DB.AuditLog(r.Context(), f)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	choices, err := s.DB.AuditChoices(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	more := len(entries) > auditPageSize
	if more && f.After > 0 {
		entries = entries[1:] // the newest of a page read upwards is the next page's
	} else if more {
		entries = entries[:auditPageSize]
	}
	p := auditPage{Filters: fs, Choices: choices, Zone: auditZone}
	for _, e := range entries {
		p.Entries = append(p.Entries, auditEntry{AuditEntry: e, Changes: diffFields(e.Before, e.After)})
	}
	if len(entries) > 0 {
		if (f.After > 0 && more) || f.Before > 0 {
			p.Newer = fs.link("after", entries[0].ID)
		}
		if (f.After == 0 && more) || f.After > 0 {
			p.Older = fs.link("before", entries[len(entries)-1].ID)
		}
	}
	s.Render(w, r, "audit", p)
}

// link is the audit page's address with these filters, from entry id
// towards older ("before") or newer ("after") entries.
func (fs auditFilters) link(direction string, id int64) string {
	v := url.Values{}
	for k, x := range map[string]string{"who": fs.Who, "what": fs.What, "object": fs.Object, "id": fs.ID, "from": fs.From, "to": fs.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	v.Set(direction, strconv.FormatInt(id, 10))
	return "/staff/audit?" + v.Encode()
}
