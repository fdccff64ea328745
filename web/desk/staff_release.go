package desk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// releaseRow is a lottery release with its figures and where it stands.
type releaseRow struct {
	store.Release
	Stats  store.ReleaseStats
	Status string // upcoming, open, closed (awaiting the draw) or drawn
}

// releasesPage lists a service's lottery releases with a form to add one.
type releasesPage struct {
	Service  booking.Service
	Mission  mission.Mission
	Zone     *time.Location
	Now      time.Time
	Releases []releaseRow
	Form     map[string]string // refilled after an error
	Saved    string
	Errors   ui.FormErrors // every problem of the form sent
}

// releaseFields map the fields a release's rules name to the form's inputs.
var releaseFields = ui.FormFields{"start": "rel-start", "opens": "rel-opens", "closes": "rel-closes"}

func (s *Server) releaseList(w http.ResponseWriter, r *http.Request) {
	s.renderReleases(w, r, http.StatusOK, nil)
}

func releaseStatus(rel store.Release, now time.Time) string {
	switch {
	case !rel.DrawnAt.IsZero():
		return "drawn"
	case now.Before(rel.Opens):
		return "upcoming"
	case now.Before(rel.Closes):
		return "open"
	}
	return "closed"
}

func (s *Server) renderReleases(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors) {
	svc, m, cal, err := s.staffService(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	rels, err := s.DB.Releases(r.Context(), svc.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	now := s.DB.Now()
	p := releasesPage{Service: svc, Mission: m, Zone: cal.Zone, Now: now, Saved: r.URL.Query().Get("saved"), Errors: errs,
		Form: map[string]string{"start": r.PostFormValue("start"), "opens": r.PostFormValue("opens"), "closes": r.PostFormValue("closes")}}
	for _, rel := range rels {
		_, st, err := s.DB.Release(r.Context(), rel.ID)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		p.Releases = append(p.Releases, releaseRow{Release: rel, Stats: st, Status: releaseStatus(rel, now)})
	}
	s.RenderStatus(w, r, status, "staff_releases", p)
}

func (s *Server) releaseFormError(w http.ResponseWriter, r *http.Request, err error) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, releaseFields)
	if !ok || chancery.ErrorCode(err) == chancery.ENOTFOUND {
		s.Fail(w, r, err)
		return
	}
	s.renderReleases(w, r, status, errs)
}

// releaseCreate opens a lottery release for one slot of the service.
func (s *Server) releaseCreate(w http.ResponseWriter, r *http.Request) {
	svc, _, cal, err := s.staffService(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var times [3]time.Time
	var errs []error
	for i, field := range []string{"start", "opens", "closes"} {
		if times[i], err = formTime(r, field, cal.Zone); err != nil {
			errs = append(errs, err)
		}
	}
	var slot booking.Slot
	if !times[0].IsZero() {
		slot, err = slotOf(svc, cal, times[0])
		errs = append(errs, chancery.AtField("start", err))
	}
	if err := errors.Join(errs...); err != nil {
		s.releaseFormError(w, r, err)
		return
	}
	_, err = s.DB.CreateRelease(r.Context(), actor(r), store.Release{ServiceID: svc.ID, Start: slot.Start, End: slot.End,
		Opens: times[1], Closes: times[2]})
	if err != nil {
		s.releaseFormError(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/services/"+url.PathEscape(svc.ID)+"/releases", url.Values{"saved": {"release"}})
}

// releaseDraw draws a closed release now rather than at the mailer's next
// round; like the mailer, it draws every release that is due.
func (s *Server) releaseDraw(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || id <= 0 {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.release_not_found"))
		return
	}
	rel, _, err := s.DB.Release(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	switch releaseStatus(rel, s.DB.Now()) {
	case "drawn":
		s.Fail(w, r, chancery.Errorf(chancery.ECONFLICT, "error.release_drawn"))
		return
	case "upcoming", "open":
		s.Fail(w, r, chancery.Errorf(chancery.ECONFLICT, "error.release_still_open"))
		return
	}
	if _, err := s.Appts.DrawDue(r.Context()); err != nil {
		s.Fail(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/services/"+url.PathEscape(rel.ServiceID)+"/releases", url.Values{"saved": {"draw"}})
}
