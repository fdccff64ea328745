package desk

import "net/http"

// bookingResend sends a booking's confirmation again with a new manage
// link, through the outbox (appointments.Resend audits it).
func (s *Server) bookingResend(w http.ResponseWriter, r *http.Request) {
	b, err := s.Appts.Resend(r.Context(), actor(r), r.PathValue("reference"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.backToDay(w, r, b, "resent")
}

// registrationResend sends a registration's confirmation again with a new
// manage link, through the outbox (registrations.Resend audits it).
func (s *Server) registrationResend(w http.ResponseWriter, r *http.Request) {
	reg, err := s.Regs.Resend(r.Context(), actor(r), r.PathValue("reference"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	backToRegistrations(w, r, reg, "resent")
}
