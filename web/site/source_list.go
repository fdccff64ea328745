package site

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
)

// sourceListPage lists every source the record cites.
type sourceListPage struct {
	Sources []mission.Source
}

func (s *Server) sourceList(w http.ResponseWriter, r *http.Request) {
	src, err := s.DB.Sources(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "sources", sourceListPage{Sources: src})
}

// Source returns the listed source with the id, for naming the source
// another is a version of; a zero source when it is not listed.
func (p sourceListPage) Source(id string) mission.Source {
	for _, s := range p.Sources {
		if s.ID == id {
			return s
		}
	}
	return mission.Source{ID: id}
}

// Versions returns the listed sources that are versions of the source with
// the id: where a source has no address of its own, a version may have one.
func (p sourceListPage) Versions(id string) []mission.Source {
	var out []mission.Source
	for _, s := range p.Sources {
		if s.VersionOf == id {
			out = append(out, s)
		}
	}
	return out
}
