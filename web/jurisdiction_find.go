package web

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/place"
)

// jurisdictionPage is the finder form, and its answer once asked.
type jurisdictionPage struct {
	Asked        bool
	Result       jurisdiction
	Error        string
	Subdivisions []place.Subdivision
}

func (s *Server) jurisdictionFind(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := jurisdictionPage{Subdivisions: place.Subdivisions("CN")}
	if q.Get("place") == "" && q.Get("subdivision") == "" {
		s.render(w, r, "jurisdiction", p)
		return
	}
	p.Asked = true
	res, err := s.findJurisdiction(r.Context(), q.Get("sending"), q.Get("subdivision"), q.Get("place"))
	if err != nil {
		code := chancery.ErrorCode(err)
		if code != chancery.EINVALID && code != chancery.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		key, data := chancery.ErrorKey(err)
		p.Error = s.translate(visitOf(r).lang, key, data)
		s.renderStatus(w, r, statusOf(code), "jurisdiction", p)
		return
	}
	p.Result = res
	s.render(w, r, "jurisdiction", p)
}
