package desk

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/web/ui"
)

func (s *Server) membershipCreate(w http.ResponseWriter, r *http.Request) {
	ms := mission.Membership{
		MissionID:   r.PathValue("id"),
		Subdivision: strings.TrimSpace(r.PostFormValue("subdivision")),
		ValidFrom:   strings.TrimSpace(r.PostFormValue("valid_from")),
		ValidTo:     strings.TrimSpace(r.PostFormValue("valid_to")),
	}
	var unknown error
	if _, ok := place.ByCode(ms.Subdivision); !ok {
		unknown = chancery.Errorf(chancery.EINVALID, "error.subdivision_unknown", "Code", ms.Subdivision, "Field", "subdivision")
	}
	if err := ui.MoreErrors(unknown, ms.Validate()); err != nil {
		s.failForm(w, r, err, nil)
		return
	}
	if _, err := s.DB.AddMembership(r.Context(), actor(r), ms); err != nil {
		s.failForm(w, r, err, nil)
		return
	}
	s.savedRedirect(w, r, ms.MissionID, "membership")
}

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, chancery.Errorf(chancery.ENOTFOUND, "error.page_not_found")
	}
	return id, nil
}

func (s *Server) membershipEnd(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "mid")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ms, err := s.DB.EndMembership(r.Context(), actor(r), id, strings.TrimSpace(r.PostFormValue("valid_to")))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.savedRedirect(w, r, ms.MissionID, "membership")
}

// confirmed reports whether a destructive form carried its confirmation box.
func confirmed(r *http.Request) error {
	if r.PostFormValue("confirm") != "yes" {
		return chancery.Errorf(chancery.EINVALID, "error.confirm_required")
	}
	return nil
}

func (s *Server) membershipDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "mid")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	missionID := r.PostFormValue("mission")
	if err := confirmed(r); err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.DB.DeleteMembership(r.Context(), actor(r), id); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.savedRedirect(w, r, missionID, "deleted")
}

func (s *Server) claimCreate(w http.ResponseWriter, r *http.Request) {
	c := mission.Claim{
		MissionID: r.PathValue("id"),
		Citation: mission.Citation{
			SourceID: strings.TrimSpace(r.PostFormValue("source")),
			Quote:    strings.TrimSpace(r.PostFormValue("quote")),
			Note:     noteFromForm(r),
		},
	}
	var unknown error
	for _, code := range strings.FieldsFunc(r.PostFormValue("subdivisions"), func(c rune) bool { return c == ',' || c == ' ' || c == ';' }) {
		sd, ok := place.ByCode(code)
		if !ok {
			unknown = chancery.Errorf(chancery.EINVALID, "error.subdivision_unknown", "Code", code, "Field", "claim.subdivisions")
			break
		}
		c.Subdivisions = append(c.Subdivisions, sd.Code)
	}
	if err := ui.MoreErrors(c.Validate(), unknown); err != nil {
		s.failForm(w, r, err, nil)
		return
	}
	if _, err := s.DB.AddClaim(r.Context(), actor(r), c); err != nil {
		s.failForm(w, r, err, nil)
		return
	}
	s.savedRedirect(w, r, c.MissionID, "claim")
}

func (s *Server) claimDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "cid")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := confirmed(r); err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.DB.DeleteClaim(r.Context(), actor(r), id); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.savedRedirect(w, r, r.PostFormValue("mission"), "deleted")
}
