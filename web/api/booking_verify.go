package api

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery/web/ui"
)

// verifyRequest is the JSON body of POST /api/v1/bookings/{reference}/verify.
type verifyRequest struct {
	Code string `json:"code"`
}

func (s *Server) apiBookingVerify(w http.ResponseWriter, r *http.Request) {
	var req verifyRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	b, err := s.Appts.Verify(r.Context(), r.PathValue("reference"), ui.BookingToken(r), req.Code)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIBooking(b, s.ZoneOf(r.Context(), b.MissionID)))
}

// apiBookingCalendar is a booking's calendar entry, for its token's
// holder: a REQUEST while it stands (same UID and SEQUENCE as the emails),
// a CANCEL once it is cancelled. A booking still waiting for its email to
// be confirmed has no entry yet.
func (s *Server) apiBookingCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	b, err := s.DB.BookingByToken(ctx, r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	cal, method, err := s.Appts.Calendar(ctx, b)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	w.Header().Set("Content-Disposition", "attachment; filename=\""+url.PathEscape(b.Reference)+".ics\"")
	w.Write(cal)
}
