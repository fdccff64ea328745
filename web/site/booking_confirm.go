package site

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingConfirm books what the last check's form carries, once per
// idempotency key: the same form sent again (a double click, a retry after
// a lost answer) leads to the same booking. Success goes to the manage
// page, flagged new.
func (s *Server) bookingConfirm(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	key := r.PostFormValue("key")
	if !s.JourneyPOSTAllowed(r) || len(key) < 16 || len(key) > ui.MaxIdempotencyKey ||
		strings.ContainsFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e }) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	a := answersOf(r, j.Service)
	start, err := parseStart(r.PostFormValue("start"))
	var slot booking.Slot
	if err == nil {
		// Offered, not offeredFree: a repeat of a request that took the
		// last place must still reach its stored answer.
		slot, err = booking.Offered(j.Service, j.Cal, start, j.Now)
	}
	if err != nil {
		s.retime(w, r, j, err)
		return
	}
	req := ui.BookingRequest{Service: j.Service.ID, Start: j.RFC3339(start), Name: a.Name, Email: a.Email, Phone: a.Phone,
		Passport: a.Passport, Lang: a.Lang}
	res, err := ui.Book(s.Appts, r, req, key)
	if errors.Is(err, booking.ErrAlreadyBooked) {
		// The same form sent twice at once: where the database lets the
		// second request wait on the first, it meets the first's booking
		// before its stored answer. Asked again, it gets that answer.
		res, err = ui.Book(s.Appts, r, req, key)
	}
	if err != nil {
		s.confirmFailed(w, r, bookingCheckPage{Journey: j, Slot: slot, Answers: a, CSRF: s.JourneyCSRF(w, r), Key: key}, err)
		return
	}
	manage := appointments.ManageLink(res.Booking.Reference, res.Token)
	if res.Replay != nil {
		var first ui.APIBooking
		if err := json.Unmarshal(res.Replay.Body, &first); err != nil || !strings.HasPrefix(first.ManageURL, "/bookings/") {
			s.Fail(w, r, errors.Join(errors.New("a stored booking answer has no manage link"), err))
			return
		}
		manage = first.ManageURL
	}
	http.Redirect(w, r, manage+"&new=1", http.StatusSeeOther)
}

// confirmFailed answers a booking that did not happen: a lost race or a
// time no longer offered with the next free times, a field in error with
// the details form, and anything else a person can act on with the last
// check and the reason.
func (s *Server) confirmFailed(w http.ResponseWriter, r *http.Request, p bookingCheckPage, err error) {
	code := chancery.ErrorCode(err)
	key, data := chancery.ErrorKey(err)
	field, _ := data["Field"].(string)
	_, detail := bookingFields[field]
	switch {
	case ui.RaceLost(err) || errors.Is(err, booking.ErrLotteryOnly):
		s.retime(w, r, p.Journey, err)
	case code == chancery.EINVALID && detail:
		s.detailsInvalid(w, r, bookingDetailsPage{Journey: p.Journey, Slot: p.Slot, Answers: p.Answers, CSRF: p.CSRF}, err)
	case code == chancery.EINVALID:
		s.retime(w, r, p.Journey, err)
	case code == chancery.ECONFLICT || code == chancery.ERATELIMIT:
		p.Error = s.Translate(ui.VisitOf(r).Lang, key, data)
		p.Held = errors.Is(err, booking.ErrAlreadyBooked)
		s.RenderStatus(w, r, ui.StatusFor(w, err), "book_check", p)
	default:
		s.Fail(w, r, err)
	}
}

// bookingConfirmGet sends a reader who arrives at the booking form's
// address by a link (the language switcher, say) back to the times.
func (s *Server) bookingConfirmGet(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, j.TimesURL(), http.StatusSeeOther)
}

// bookingResendHeld sends the link of the appointment the person already
// holds for the service again, to the address it was booked with, and
// answers as "find my booking" does, the same whether or not one was found.
func (s *Server) bookingResendHeld(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	a := answersOf(r, j.Service)
	if err := s.Appts.ResendHeld(r.Context(), ui.VisitOf(r).IP, j.Service.ID, a.applicant()); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/bookings/find?sent=1", http.StatusSeeOther)
}
