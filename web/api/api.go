// Package api serves the JSON API under /api/v1, described by its
// OpenAPI document at /api/v1/openapi.json: missions, jurisdiction,
// entry checks, appointments and lottery releases, consular case types, event registration,
// the record of the relationship, business matchmaking and the reading of
// a travel document's machine-readable zone. Errors come as
// {"error": {"code", "message"}} in the reader's language.
package api

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/web/ui"
)

// Server is the API's handlers over the shared ui.Server, whose
// workflows they call.
type Server struct{ *ui.Server }

// New returns the API over base.
func New(base *ui.Server) *Server { return &Server{Server: base} }

// Register adds the API's routes to the shared mux.
func (s *Server) Register() {
	s.Mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.api_not_found"))
	})
	s.Handle("/api/v1/openapi.json", ui.Methods{"GET": s.apiOpenAPI})
	s.Handle("/api/v1/missions", ui.Methods{"GET": s.Cached(s.apiMissionList)})
	s.Handle("/api/v1/missions/{id}", ui.Methods{"GET": s.Cached(s.apiMissionShow)})
	s.Handle("/api/v1/jurisdiction", ui.Methods{"GET": s.Cached(s.apiJurisdiction, "sending", "subdivision", "place")})
	s.Handle("/api/v1/missions/{id}/services", ui.Methods{"GET": s.apiServiceList})
	s.Handle("/api/v1/missions/{id}/slots", ui.Methods{"GET": s.apiSlotList})
	s.Handle("/api/v1/missions/{id}/case-types", ui.Methods{"GET": s.Cached(s.apiCaseTypeList)})
	s.Handle("/api/v1/bookings", ui.Methods{"POST": s.apiBookingCreate}.NoStore())
	s.Handle("/api/v1/bookings/{reference}", ui.Methods{"GET": s.apiBookingShow}.Private())
	s.Handle("/api/v1/bookings/{reference}/cancel", ui.Methods{"POST": s.apiBookingCancel}.Private())
	s.Handle("/api/v1/bookings/{reference}/reschedule", ui.Methods{"POST": s.apiBookingReschedule}.Private())
	s.Handle("/api/v1/bookings/{reference}/verify", ui.Methods{"POST": s.apiBookingVerify}.Private())
	s.Handle("/api/v1/bookings/{reference}/calendar.ics", ui.Methods{"GET": s.apiBookingCalendar}.Private())
	s.Handle("/api/v1/releases/{id}", ui.Methods{"GET": s.apiReleaseShow})
	s.Handle("/api/v1/releases/{id}/requests", ui.Methods{"POST": s.apiReleaseRequest}.NoStore())
	s.Handle("/api/v1/releases/{id}/requests/{request}/verify", ui.Methods{"POST": s.apiReleaseVerify}.NoStore())
	s.Handle("/api/v1/verify/{code}", ui.Methods{"GET": s.apiVerify}.NoStore())
	s.Handle("/api/v1/mrz", ui.Methods{"POST": s.apiMRZRead}.NoStore())
	s.Handle("/api/v1/applications", ui.Methods{"POST": s.apiApplicationCreate}.NoStore())
	s.Handle("/api/v1/applications/resend", ui.Methods{"POST": s.apiApplicationResend}.NoStore())
	s.Handle("/api/v1/applications/{reference}", ui.Methods{"GET": s.apiApplicationShow}.Private())
	s.Handle("/api/v1/applications/{reference}/export", ui.Methods{"GET": s.ApplicationExport}.Private())
	s.Handle("/api/v1/applications/{reference}/answers", ui.Methods{"PUT": s.apiApplicationAnswers}.Private())
	s.Handle("/api/v1/applications/{reference}/mrz", ui.Methods{"PUT": s.apiApplicationMRZ}.Private())
	s.Handle("/api/v1/applications/{reference}/submit", ui.Methods{"POST": s.apiApplicationSubmit}.Private())
	s.Handle("/api/v1/applications/{reference}/withdraw", ui.Methods{"POST": s.apiApplicationWithdraw}.Private())
	s.Handle("/api/v1/applications/{reference}/documents", ui.Methods{"POST": s.apiApplicationDocumentAdd}.Private())
	s.Handle("/api/v1/applications/{reference}/documents/{id}", ui.Methods{"DELETE": s.apiApplicationDocumentRemove}.Private())
	s.Handle("/api/v1/applications/{reference}/confirm", ui.Methods{"POST": s.apiApplicationConfirm}.NoStore())
	s.Handle("/api/v1/subdivisions", ui.Methods{"GET": s.Cached(s.apiSubdivisions, "country")})
	for kind, path := range coopPaths {
		s.Handle(path, ui.Methods{"GET": s.Cached(s.apiCoopList(kind), append([]string{"limit", "offset", "from", "to"}, cooperation.FacetNames[kind]...)...)})
	}
	s.Handle("/api/v1/search", ui.Methods{"GET": s.Cached(s.apiSearch, "q", "limit", "offset", "after")})
	s.Handle("/api/v1/events/{id}/registration", ui.Methods{"GET": s.apiEventRegistration})
	s.Handle("/api/v1/events/{id}/registrations", ui.Methods{"POST": s.apiRegistrationCreate}.NoStore())
	s.Handle("/api/v1/registrations/{reference}", ui.Methods{"GET": s.apiRegistrationShow}.Private())
	s.Handle("/api/v1/registrations/{reference}/cancel", ui.Methods{"POST": s.apiRegistrationCancel}.Private())
	s.Handle("/api/v1/registrations/{reference}/calendar.ics", ui.Methods{"GET": s.apiRegistrationCalendar}.Private())
	s.Handle("/api/v1/match/sections", ui.Methods{"GET": s.Cached(s.apiMatchSections)})
	s.Handle("/api/v1/match/profiles", ui.Methods{"GET": s.Cached(s.apiMatchProfiles, "country", "offers", "seeks")})
	s.Handle("/api/v1/match/suggestions", ui.Methods{"GET": s.Cached(s.apiMatchSuggestions, "limit", "offset", "for", "section")})
}
