package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// applicationRequest is the JSON body of POST /api/v1/applications.
type applicationRequest struct {
	Mission  string `json:"mission"`
	CaseType string `json:"case_type"`
	Email    string `json:"email"`
	Language string `json:"language"`
}

// apiApplication is an application as its applicant's client sees it.
type apiApplication struct {
	Reference      string           `json:"reference"`
	Token          string           `json:"token,omitempty"` // only in the answer that starts it
	Mission        string           `json:"mission"`
	CaseType       string           `json:"case_type"`
	Version        int              `json:"case_type_version"`
	Status         string           `json:"status"`
	StatusName     mission.Text     `json:"status_name"`
	Email          string           `json:"email"`
	Language       string           `json:"language"`
	EmailConfirmed bool             `json:"email_confirmed"`
	Answers        casework.Answers `json:"answers"`
	Asked          []string         `json:"asked"`     // the questions the answers make the type ask, in order
	Checklist      []string         `json:"checklist"` // the documents they make it require, in order
	// Documents are the files uploaded, per checklist item (every item
	// of the checklist, with or without files).
	Documents      map[string][]apiDocument `json:"documents"`
	Missing        casework.Missing         `json:"missing"`
	DraftKeptUntil *string                  `json:"draft_kept_until"`
	SubmittedAt    *string                  `json:"submitted_at"`
	History        []apiApplicationEv       `json:"history"`
	Identity       *apiIdentityCheck        `json:"identity_check"`
	Due            *string                  `json:"due"`      // the day a decision is expected, while the case runs
	Request        *apiRequest              `json:"request"`  // what the mission asked for, while the case waits
	Decision       *apiDecision             `json:"decision"` // once decided
}

// apiRequest is what the mission asked the applicant for, and by when.
type apiRequest struct {
	Message string  `json:"message"`
	By      *string `json:"by"`
}

// apiDecision is a case's decision: its result and a refusal's reasons
// and how to appeal.
type apiDecision struct {
	Result     string            `json:"result"`
	ResultName mission.Text      `json:"result_name"`
	DecidedAt  string            `json:"decided_at"`
	Reasons    []casework.Reason `json:"reasons"`
	Appeal     mission.Text      `json:"appeal,omitempty"`
}

// apiIdentityCheck is the zone the applicant typed, what it says and
// where it and the answers differ: warnings to check, never a refusal.
type apiIdentityCheck struct {
	MRZ        string              `json:"mrz"`
	Document   apiMRZ              `json:"document"`
	Mismatches []casework.Mismatch `json:"mismatches"`
}

// apiApplicationEv is one step of the history; staff are named as the
// mission, never by name.
type apiApplicationEv struct {
	At         string       `json:"at"`
	Status     string       `json:"status"`
	StatusName mission.Text `json:"status_name"` // as the case type names it
	By         string       `json:"by"`          // "applicant" or "mission"
	Note       string       `json:"note,omitempty"`
}

func toAPIApplication(v applications.View, zone *time.Location) apiApplication {
	a, t := v.Application, v.Type
	st, _ := t.Stage(a.Stage)
	out := apiApplication{Reference: a.Reference, Mission: a.Mission, CaseType: a.CaseType, Version: a.Version, Status: a.Stage,
		StatusName: st.Name, Email: a.Email, Language: a.Lang, EmailConfirmed: !a.Confirmed.IsZero(), Answers: a.Answers,
		Asked: []string{}, Checklist: []string{}, Missing: v.Missing, History: []apiApplicationEv{}}
	for _, q := range v.Asked {
		out.Asked = append(out.Asked, q.ID)
	}
	for _, d := range v.Checklist {
		out.Checklist = append(out.Checklist, d.ID)
	}
	at := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := t.In(zone).Format(time.RFC3339)
		return &s
	}
	out.DraftKeptUntil, out.SubmittedAt = at(a.DraftExpiry), at(a.Submitted)
	if v.MRZ != nil {
		out.Identity = &apiIdentityCheck{MRZ: a.MRZ, Document: toAPIMRZ(*v.MRZ), Mismatches: append([]casework.Mismatch{}, v.Mismatches...)}
	}
	out.Documents = documentsByItem(v.Checklist, a.Documents, zone)
	for _, e := range a.History {
		by := "mission"
		if e.Actor == "applicant" {
			by = "applicant"
		}
		name, _ := t.Stage(e.Stage)
		out.History = append(out.History, apiApplicationEv{At: e.At.In(zone).Format(time.RFC3339), Status: e.Stage, StatusName: name.Name, By: by, Note: e.Note})
	}
	addDeskWork(&out, a, t, zone)
	return out
}

// apiApplicationCreate starts an application; with an Idempotency-Key,
// a retry of the same request gets the first answer back (and no second
// application, no second mail), as bookings do.
func (s *Server) apiApplicationCreate(w http.ResponseWriter, r *http.Request) {
	var req applicationRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if !ui.ValidIdempotencyKey(key) {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.idempotency_key_invalid", "Max", ui.MaxIdempotencyKey))
		return
	}
	lang := req.Language
	if lang == "" {
		lang = ui.VisitOf(r).Lang
	}
	zone := s.ZoneOf(r.Context(), req.Mission)
	body := func(v applications.View, token string) (int, []byte, error) {
		out := toAPIApplication(v, zone)
		out.Token = token
		return http.StatusCreated, ui.IndentedJSON(out), nil
	}
	st, err := s.Apps.Start(r.Context(), applications.Start{Mission: req.Mission, CaseType: req.CaseType, Email: req.Email, Lang: lang,
		IP: ui.VisitOf(r).IP, IdempotencyKey: key, Render: body})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if st.Replay != nil {
		writeReplay(w, st.Replay)
		return
	}
	v, err := s.Apps.Show(r.Context(), st.Reference, st.Token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	status, out, err := body(v, st.Token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+st.Reference)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(out)
}

func (s *Server) apiApplicationShow(w http.ResponseWriter, r *http.Request) {
	v, err := s.Apps.Show(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	s.answerApplication(w, r, v, err)
}

func (s *Server) apiApplicationAnswers(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Answers casework.Answers `json:"answers"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	v, err := s.Apps.SaveAnswers(r.Context(), r.PathValue("reference"), ui.BookingToken(r), req.Answers)
	s.answerApplication(w, r, v, err)
}

// apiApplicationMRZ keeps the machine-readable zone the applicant typed
// ("" removes it): a malformed one is a 400 naming the line and position.
func (s *Server) apiApplicationMRZ(w http.ResponseWriter, r *http.Request) {
	var req mrzRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	v, err := s.Apps.SaveMRZ(r.Context(), r.PathValue("reference"), ui.BookingToken(r), req.MRZ)
	if err != nil {
		s.failMRZ(w, r, err)
		return
	}
	s.answerApplication(w, r, v, nil)
}

// apiApplicationResend sends an application's private link again when the
// reference and the address match; 202 whether or not they do.
func (s *Server) apiApplicationResend(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Reference string `json:"reference"`
		Email     string `json:"email"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	if strings.TrimSpace(req.Reference) == "" {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.find_reference_required"))
		return
	}
	if err := booking.ValidateContact("-", strings.TrimSpace(req.Email)); err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.Apps.ResendLink(r.Context(), ui.VisitOf(r).IP, req.Reference, strings.TrimSpace(req.Email)); err != nil {
		s.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (s *Server) apiApplicationSubmit(w http.ResponseWriter, r *http.Request) {
	v, err := s.Apps.Submit(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	s.answerApplication(w, r, v, err)
}

func (s *Server) apiApplicationWithdraw(w http.ResponseWriter, r *http.Request) {
	v, err := s.Apps.Withdraw(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	s.answerApplication(w, r, v, err)
}

func (s *Server) apiApplicationConfirm(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Code string `json:"code"`
	}
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.Apps.Confirm(r.Context(), r.PathValue("reference"), req.Code); err != nil {
		s.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// answerApplication writes the application, or the error: faults in the
// answers or what a submission lacks as 422, every one named (problems:
// field and message; missing: the questions and documents), any other
// error as usual.
func (s *Server) answerApplication(w http.ResponseWriter, r *http.Request, v applications.View, err error) {
	if err == nil {
		ui.WriteJSON(w, http.StatusOK, toAPIApplication(v, s.ZoneOf(r.Context(), v.Application.Mission)))
		return
	}
	faults := chancery.Errors(err)
	if len(faults) == 0 || faults[0].Code != chancery.EINVALID {
		s.Fail(w, r, err)
		return
	}
	lang := ui.VisitOf(r).Lang
	type problem struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	}
	problems := []problem{}
	missing := casework.Missing{Questions: []string{}, Documents: []string{}}
	for _, f := range faults {
		field, _ := f.Data["Field"].(string)
		problems = append(problems, problem{Field: field, Message: s.Translate(lang, f.Key, f.Data)})
		switch {
		case f.Key == "error.case_answer_required":
			missing.Questions = append(missing.Questions, field)
		case f.Key == "error.case_document_missing":
			missing.Documents = append(missing.Documents, f.Data["Document"].(string))
		}
	}
	ui.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"error":    map[string]string{"code": "invalid", "message": s.Translate(lang, "error.application_problems", map[string]any{"Count": len(problems)})},
		"problems": problems, "missing": missing})
}

// writeReplay writes the first answer to a request retried with its
// Idempotency-Key, marked as such.
func writeReplay(w http.ResponseWriter, replay *store.Replay) {
	w.Header().Set("Idempotent-Replayed", "true")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(replay.Status)
	w.Write(replay.Body)
}
