package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
)

// registrationRequest is the JSON body of POST
// /api/v1/events/{id}/registrations, and what the page's form carries.
type registrationRequest struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Lang  string `json:"lang"`
}

// apiRegistration is a registration as the API shows it.
type apiRegistration struct {
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

func toAPIRegistration(r events.Registration) apiRegistration {
	return apiRegistration{Reference: r.Reference, Event: r.EventID, Status: string(r.Status), Position: r.Position,
		Name: r.Name, Email: r.Email, Lang: r.Lang, Sequence: r.Sequence}
}

// registrationBody is the answer to a new registration: it alone carries
// the manage token.
func registrationBody(r events.Registration, token string) ([]byte, error) {
	out := toAPIRegistration(r)
	out.Token, out.ManageURL = token, registrations.ManageLink(r.Reference, token)
	return json.MarshalIndent(out, "", "  ")
}

// createRegistration registers what a request carries for the event
// through the registration workflow, with the API's answer kept for an
// idempotency key.
func (s *Server) createRegistration(r *http.Request, ev registrable, req registrationRequest, key string) (registrations.Registered, error) {
	v := visitOf(r)
	return s.regs.Register(r.Context(), ev, registrations.Request{Name: req.Name, Email: req.Email, Lang: req.Lang,
		Origin: appointments.Origin{ReaderLang: v.lang, IP: v.ip, Base: requestBase(r), IdempotencyKey: key},
		Render: func(reg events.Registration, token string) (int, []byte, error) {
			body, err := registrationBody(reg, token)
			return http.StatusCreated, body, err
		}})
}

// validIdempotencyKey reports whether a key is one we accept: printable
// ASCII, at most maxIdempotencyKey long.
func validIdempotencyKey(key string) bool {
	return len(key) <= maxIdempotencyKey && !strings.ContainsFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e })
}

// registrationError is err as the reader's words, with its status.
func (s *Server) registrationError(r *http.Request, err error) (int, string) {
	key, data := chancery.ErrorKey(err)
	return statusOf(chancery.ErrorCode(err)), s.translate(visitOf(r).lang, key, data)
}
