package site

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/web/ui"
)

// jurisdictionPage is the finder form, and its answer once asked.
type jurisdictionPage struct {
	Asked        bool
	Result       ui.Jurisdiction
	Errors       ui.FormErrors // why the place asked about has no answer
	Subdivisions []place.Subdivision
	Door         ui.MissionDoor // the answer's mission and how to reach it
}

func (s *Server) jurisdictionFind(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := jurisdictionPage{Subdivisions: place.Subdivisions("CN")}
	if q.Get("place") == "" && q.Get("subdivision") == "" {
		s.Render(w, r, "jurisdiction", p)
		return
	}
	p.Asked = true
	res, err := s.FindJurisdiction(r.Context(), q.Get("sending"), q.Get("subdivision"), q.Get("place"))
	if err != nil {
		code := chancery.ErrorCode(err)
		if code != chancery.EINVALID && code != chancery.ENOTFOUND {
			s.Fail(w, r, err)
			return
		}
		// The form asks one thing, a place typed or a province picked: its
		// problem is that field's.
		field := "place"
		if q.Get("place") == "" {
			field = "subdivision"
		}
		key, data := chancery.ErrorKey(err)
		p.Errors = ui.FormErrors{{Field: field, Message: s.Translate(ui.VisitOf(r).Lang, key, data)}}
		s.RenderStatus(w, r, ui.StatusOf(code), "jurisdiction", p)
		return
	}
	p.Result = res
	if m := res.Answer.Mission; m.ID != "" {
		door, err := s.FrontDoorOf(r.Context(), m)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Door = ui.MissionDoor{Mission: m, Door: door}
	}
	s.Render(w, r, "jurisdiction", p)
}
