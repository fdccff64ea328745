package desk

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// retentionPage is a mission's retention desk (issue 14 §7): the list of
// cases past their keeping that waits for a consul's approval, the cases
// on legal hold, and the record of what was destroyed.
type retentionPage struct {
	Mission   mission.Mission
	Zone      *time.Location // the mission's, for dates
	Pending   *store.DestructionList
	Holds     []store.Hold
	Destroyed []store.DestructionList
	Reference string // refilled after an error
	Reason    string
	Saved     string
	Errors    ui.FormErrors
}

// retentionFields map the fields retention's rules name to the hold form's inputs.
var retentionFields = ui.FormFields{"reference": "hold-reference", "reason": "hold-reason"}

func (s *Server) retentionShow(w http.ResponseWriter, r *http.Request) {
	s.renderRetention(w, r, http.StatusOK, retentionPage{Saved: r.URL.Query().Get("saved")})
}

func (s *Server) renderRetention(w http.ResponseWriter, r *http.Request, status int, p retentionPage) {
	ctx := r.Context()
	m, err := s.DB.Mission(ctx, r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Mission = m
	if p.Zone, err = time.LoadLocation(m.TimeZone); err != nil {
		s.Fail(w, r, err)
		return
	}
	if l, err := s.DB.PendingDestruction(ctx, m.ID); err == nil {
		p.Pending = &l
	} else if chancery.ErrorCode(err) != chancery.ENOTFOUND {
		s.Fail(w, r, err)
		return
	}
	if p.Holds, err = s.DB.LegalHolds(ctx, m.ID); err != nil {
		s.Fail(w, r, err)
		return
	}
	if p.Destroyed, err = s.DB.DestructionLists(ctx, m.ID, 10); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.RenderStatus(w, r, status, "staff_retention", p)
}

func (s *Server) retentionFormError(w http.ResponseWriter, r *http.Request, err error) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, retentionFields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	s.renderRetention(w, r, status, retentionPage{Reference: r.PostFormValue("reference"), Reason: r.PostFormValue("reason"), Errors: errs})
}

func (s *Server) retentionDone(w http.ResponseWriter, r *http.Request, saved string) {
	staffRedirect(w, r, "/staff/missions/"+url.PathEscape(r.PathValue("id"))+"/retention", url.Values{"saved": {saved}})
}

// retentionApprove destroys the cases of the waiting list, on a consul's
// confirmation.
func (s *Server) retentionApprove(w http.ResponseWriter, r *http.Request) {
	if err := confirmed(r); err != nil {
		s.retentionFormError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PostFormValue("list"), 10, 64)
	if err != nil {
		s.retentionFormError(w, r, store.ErrDestructionListGone)
		return
	}
	if _, err := s.DB.ApproveDestruction(r.Context(), actor(r), r.PathValue("id"), id); err != nil {
		s.retentionFormError(w, r, err)
		return
	}
	s.retentionDone(w, r, "destroyed")
}

func (s *Server) retentionHold(w http.ResponseWriter, r *http.Request) {
	ref := strings.ToUpper(strings.TrimSpace(r.PostFormValue("reference")))
	if err := s.DB.SetLegalHold(r.Context(), actor(r), r.PathValue("id"), ref, strings.TrimSpace(r.PostFormValue("reason"))); err != nil {
		s.retentionFormError(w, r, holdError(err))
		return
	}
	s.retentionDone(w, r, "held")
}

func (s *Server) retentionLift(w http.ResponseWriter, r *http.Request) {
	if err := confirmed(r); err != nil {
		s.retentionFormError(w, r, err)
		return
	}
	if err := s.DB.LiftLegalHold(r.Context(), actor(r), r.PathValue("id"), r.PostFormValue("reference")); err != nil {
		s.retentionFormError(w, r, holdError(err))
		return
	}
	s.retentionDone(w, r, "lifted")
}

// holdError is err as the hold forms report it: a reference the mission
// holds no case under is a problem of the form's field, not a missing page.
func holdError(err error) error {
	if chancery.ErrorCode(err) == chancery.ENOTFOUND {
		return chancery.Errorf(chancery.EINVALID, "error.hold_reference_unknown", "Field", "reference")
	}
	return err
}
