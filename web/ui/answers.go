package ui

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
)

// What the pages and the API share of bookings and registrations: the
// request bodies the forms also carry, the JSON answers an idempotency key
// keeps (a page repeated reads its manage link from them), and the calls
// of the workflows that make them.

// RegistrationRequest is the JSON body of POST
// /api/v1/events/{id}/registrations, and what the page's form carries.
type RegistrationRequest struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Lang  string `json:"lang"`
}

// APIRegistration is a registration as the API shows it.
type APIRegistration struct {
	Reference string `json:"reference"`
	Event     string `json:"event"`
	Status    string `json:"status"`
	Position  int    `json:"position"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Lang      string `json:"lang"`
	Sequence  int    `json:"sequence"`
	Token     string `json:"token,omitempty"`
	ManageURL string `json:"manage_url,omitempty"`
}

func ToAPIRegistration(r events.Registration) APIRegistration {
	return APIRegistration{Reference: r.Reference, Event: r.EventID, Status: string(r.Status), Position: r.Position,
		Name: r.Name, Email: r.Email, Lang: r.Lang, Sequence: r.Sequence}
}

// RegistrationBody is the answer to a new registration: it alone carries
// the manage token.
func RegistrationBody(r events.Registration, token string) ([]byte, error) {
	out := ToAPIRegistration(r)
	out.Token, out.ManageURL = token, registrations.ManageLink(r.Reference, token)
	return json.MarshalIndent(out, "", "  ")
}

// Register registers what a request carries for the event
// through the registration workflow, with the API's answer kept for an
// idempotency key.
func Register(regs *registrations.Registrations, r *http.Request, ev registrations.Registrable, req RegistrationRequest, key string) (registrations.Registered, error) {
	v := VisitOf(r)
	return regs.Register(r.Context(), ev, registrations.Request{Name: req.Name, Email: req.Email, Lang: req.Lang,
		Origin: appointments.Origin{ReaderLang: v.Lang, IP: v.IP, IdempotencyKey: key},
		Render: func(reg events.Registration, token string) (int, []byte, error) {
			body, err := RegistrationBody(reg, token)
			return http.StatusCreated, body, err
		}})
}

// ValidIdempotencyKey reports whether a key is one we accept: printable
// ASCII, at most MaxIdempotencyKey long.
func ValidIdempotencyKey(key string) bool {
	return len(key) <= MaxIdempotencyKey && !strings.ContainsFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e })
}

// BookingRequest is the JSON body of POST /api/v1/bookings.
type BookingRequest struct {
	Service  string `json:"service"`
	Start    string `json:"start"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Passport string `json:"passport"`
	Lang     string `json:"lang"`
}

type APIBooking struct {
	Reference string `json:"reference"`
	Status    string `json:"status"`
	Service   string `json:"service"`
	Mission   string `json:"mission"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	Passport  string `json:"passport,omitempty"`
	Sequence  int    `json:"sequence"`
	// VerifyBy is when a pending booking's place goes back unless the
	// code mailed to the applicant is confirmed first.
	VerifyBy     string `json:"verify_by,omitempty"`
	CancelReason string `json:"cancel_reason,omitempty"`
	Token        string `json:"token,omitempty"`
	ManageURL    string `json:"manage_url,omitempty"`
}

func ToAPIBooking(b booking.Booking, zone *time.Location) APIBooking {
	out := APIBooking{Reference: b.Reference, Status: string(b.Status), Service: b.ServiceID, Mission: b.MissionID,
		Start: b.Start.In(zone).Format(time.RFC3339), End: b.End.In(zone).Format(time.RFC3339), Name: b.Applicant.Name,
		Email: b.Applicant.Email, Phone: b.Applicant.Phone, Passport: b.Applicant.Passport, Sequence: b.Sequence,
		CancelReason: string(b.CancelReason)}
	if b.Status == booking.Pending && !b.VerifyBy.IsZero() {
		out.VerifyBy = b.VerifyBy.In(zone).Format(time.RFC3339)
	}
	return out
}

// Book books what a request carries through the booking
// workflow, with the API's answer kept for an idempotency key.
func Book(appts *appointments.Appointments, r *http.Request, req BookingRequest, key string) (appointments.Booked, error) {
	v := VisitOf(r)
	return appts.Book(r.Context(), appointments.Request{Service: req.Service, Start: req.Start, Name: req.Name,
		Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang,
		Origin: appointments.Origin{ReaderLang: v.Lang, IP: v.IP, IdempotencyKey: key},
		Render: func(b booking.Booking, token string, zone *time.Location) (int, []byte, error) {
			body, err := BookingBody(b, token, zone)
			return http.StatusCreated, body, err
		}})
}

// BookingBody is the answer to a new booking: it alone carries the
// manage token.
func BookingBody(b booking.Booking, token string, zone *time.Location) ([]byte, error) {
	out := ToAPIBooking(b, zone)
	out.Token = token
	out.ManageURL = appointments.ManageLink(b.Reference, token)
	return json.MarshalIndent(out, "", "  ")
}

// RaceLost reports whether err says the slot or its day filled up.
func RaceLost(err error) bool {
	return errors.Is(err, booking.ErrSlotFull) || errors.Is(err, booking.ErrDayFull)
}

// apiCode is the code the JSON API answers err with: its chancery code,
// or, for a refusal a client should handle in its own way, a stable code
// of its own ("lottery_only": enter the release instead).
func apiCode(err error, code string) string {
	if errors.Is(err, booking.ErrLotteryOnly) {
		return "lottery_only"
	}
	return code
}

// BookingToken is the manage-link token of a request: the Authorization
// bearer token, or the token query parameter.
func BookingToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	return r.URL.Query().Get("token")
}

// MaxIdempotencyKey is the longest Idempotency-Key (or form key) accepted.
const MaxIdempotencyKey = 128
