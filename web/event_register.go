package web

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/store"
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
	out.Token, out.ManageURL = token, registrationLink(r.Reference, token)
	return json.MarshalIndent(out, "", "  ")
}

// registrationResult is a registration made, or the first answer to its
// idempotency key.
type registrationResult struct {
	registration events.Registration
	token        string
	body         []byte
	replay       *store.Replay
}

// createRegistration checks a registration request for the event and
// makes it, counted against the booking rate limits (per address and per
// person). With an idempotency key, the answer is stored with the
// registration in the same transaction, and a retry gets it back.
func (s *Server) createRegistration(r *http.Request, ev registrable, req registrationRequest, key string) (res registrationResult, err error) {
	defer func() { s.countOutcome("registration", err, res.replay != nil) }() // monitor hook
	v := visitOf(r)
	p := events.Registrant{Name: req.Name, Email: req.Email, Lang: req.Lang}.Normalized()
	if !knownLang(p.Lang) {
		p.Lang = v.lang
	}
	if err := p.Validate(); err != nil {
		return res, err
	}
	if err := ev.Event.Accepting(s.db.Now()); err != nil && key == "" {
		// Refused with a read; with a key the transaction decides, so that a
		// retry after the last place went still meets its first answer.
		return res, err
	}
	token, hash := booking.NewToken()
	base := s.publicURL(r)
	in := store.RegisterInput{EventID: ev.Event.ID, Registrant: p, Reference: booking.NewReference(), TokenHash: hash,
		Notify: s.registrationNotifier(ev, func(reg events.Registration) string { return base + registrationLink(reg.Reference, token) }),
		Limits: []store.Limit{{Bucket: "book-ip:" + v.ip, Max: bookingsPerIP},
			{Bucket: "book-who:" + booking.NormalizeEmail(p.Email), Max: bookingsPerIdentity}},
		LimitWindow: bookingWindow}
	if key != "" {
		sum := sha256.Sum256([]byte(strings.Join([]string{"event", ev.Event.ID, p.Name, booking.NormalizeEmail(p.Email), p.Lang}, "\x00")))
		in.IdempotencyKey, in.RequestHash = "event:"+key, hex.EncodeToString(sum[:])
		in.Render = func(reg events.Registration) (int, []byte, error) {
			body, err := registrationBody(reg, token)
			return http.StatusCreated, body, err
		}
	}
	reg, replay, err := s.db.Register(r.Context(), in)
	if err != nil || replay != nil {
		res.replay = replay
		return res, err
	}
	res.registration, res.token = reg, token
	res.body, err = registrationBody(reg, token)
	return res, err
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
