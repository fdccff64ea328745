package web

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
)

// methods maps HTTP methods to the handler for each.
type methods map[string]http.HandlerFunc

// handle registers pattern for the given methods. Any other method gets a
// 405 with an Allow header, as JSON under /api/ and as a page elsewhere.
func (s *Server) handle(pattern string, m methods) {
	if g, ok := m[http.MethodGet]; ok {
		if _, ok := m[http.MethodHead]; !ok {
			m[http.MethodHead] = g
		}
	}
	allowed := make([]string, 0, len(m))
	for k := range m {
		allowed = append(allowed, k)
	}
	sort.Strings(allowed)
	for _, k := range allowed {
		if k != http.MethodHead {
			s.routeList = append(s.routeList, k+" "+pattern)
		}
	}
	allow := strings.Join(allowed, ", ")
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		h, ok := m[r.Method]
		if !ok {
			w.Header().Set("Allow", allow)
			s.fail(w, r, chancery.Errorf(chancery.EMETHOD, "error.method_not_allowed", "Method", r.Method, "Allowed", allow))
			return
		}
		h(w, r)
	})
}

func (s *Server) routes() {
	s.mux.HandleFunc("/", s.notFound)
	s.handle("/{$}", methods{"GET": s.cached(s.home)})
	s.handle("/static/", methods{"GET": s.serveAsset})
	s.handle("/healthz", methods{"GET": s.health})
	s.handle("/readyz", methods{"GET": s.readiness})

	s.handle("/missions", methods{"GET": s.cached(s.missionList)})
	s.handle("/missions/{id}", methods{"GET": s.cached(s.missionShow)})
	s.handle("/districts", methods{"GET": s.cached(s.districtMap)})
	s.handle("/jurisdiction", methods{"GET": s.cached(s.jurisdictionFind)})
	s.handle("/entry-check", methods{"GET": s.cached(s.entryCheck)})
	s.handle("/sources", methods{"GET": s.cached(s.sourceList)})

	s.handle("/staff/login", methods{"GET": s.loginShow, "POST": s.loginSubmit})
	s.handle("/staff/logout", methods{"POST": s.staffOnly(staff.ViewDesk, s.logout)})
	s.handle("/staff", methods{"GET": s.staffOnly(staff.ViewDesk, s.deskShow)})
	s.handle("/staff/missions/{id}", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.missionEditShow),
		"POST": s.staffOnly(staff.EditMission, s.missionUpdate),
	})
	s.handle("/staff/missions/{id}/memberships", methods{"POST": s.staffOnly(staff.EditDistrict, s.membershipCreate)})
	s.handle("/staff/memberships/{mid}/end", methods{"POST": s.staffOnly(staff.EditDistrict, s.membershipEnd)})
	s.handle("/staff/memberships/{mid}/delete", methods{"POST": s.staffOnly(staff.EditDistrict, s.membershipDelete)})
	s.handle("/staff/missions/{id}/claims", methods{"POST": s.staffOnly(staff.EditCitations, s.claimCreate)})
	s.handle("/staff/claims/{cid}/delete", methods{"POST": s.staffOnly(staff.EditCitations, s.claimDelete)})
	s.handle("/staff/sources", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.sourceAdmin),
		"POST": s.staffOnly(staff.EditCitations, s.sourceCreate),
	})
	s.handle("/staff/audit", methods{"GET": s.staffOnly(staff.ReadAudit, s.auditShow)})
	s.handle("/staff/users", methods{
		"GET":  s.staffOnly(staff.ManageUsers, s.userList),
		"POST": s.staffOnly(staff.ManageUsers, s.userCreate),
	})
	s.handle("/staff/users/{username}/role", methods{"POST": s.staffOnly(staff.ManageUsers, s.userRole)})

	// Booking journey (pages)
	s.handle("/book", methods{"GET": s.bookingIndex})
	s.handle("/missions/{id}/book", methods{"GET": s.bookingServices})
	s.handle("/missions/{id}/book/{service}", methods{"GET": s.bookingWeek})
	s.handle("/missions/{id}/book/{service}/details", methods{"GET": s.bookingDetailsShow, "POST": s.bookingDetailsSubmit})
	s.handle("/missions/{id}/book/{service}/confirm", methods{"GET": s.bookingConfirmGet, "POST": s.bookingConfirm})
	s.handle("/bookings/{reference}", methods{"GET": s.bookingManage})
	s.handle("/bookings/{reference}/cancel", methods{"GET": s.bookingCancelShow, "POST": s.bookingCancel})
	s.handle("/bookings/{reference}/reschedule", methods{"GET": s.bookingMoveShow, "POST": s.bookingMove})
	s.handle("/bookings/{reference}/verify", methods{"GET": s.bookingVerifyShow, "POST": s.bookingVerify})

	// Staff: appointments
	s.handle("/staff/missions/{id}/day", methods{"GET": s.staffOnly(staff.ReadDaySheet, s.daySheet)})
	s.handle("/staff/bookings/{reference}/attendance", methods{"POST": s.staffOnly(staff.ReadDaySheet, s.attendanceMark)})
	s.handle("/staff/services/{id}", methods{
		"GET":  s.staffOnly(staff.ReadDaySheet, s.serviceShow),
		"POST": s.staffOnly(staff.ManageCapacity, s.serviceUpdate),
	})
	s.handle("/staff/services/{id}/hold", methods{"POST": s.staffOnly(staff.ManageCapacity, s.slotHold)})
	s.handle("/staff/services/{id}/hold-day", methods{"POST": s.staffOnly(staff.ManageCapacity, s.dayHold)})
	s.handle("/staff/missions/{id}/closures", methods{
		"GET":  s.staffOnly(staff.ReadDaySheet, s.closureList),
		"POST": s.staffOnly(staff.ManageCapacity, s.closureCreate),
	})
	s.handle("/staff/missions/{id}/closures/delete", methods{"POST": s.staffOnly(staff.ManageCapacity, s.closureDelete)})
	s.handle("/staff/outbox", methods{"GET": s.staffOnly(staff.ReadOutbox, s.outboxList)})
	s.handle("/staff/outbox/{id}", methods{"GET": s.staffOnly(staff.ReadOutbox, s.outboxShow)})
	s.handle("/staff/services/{id}/releases", methods{
		"GET":  s.staffOnly(staff.ReadDaySheet, s.releaseList),
		"POST": s.staffOnly(staff.ManageCapacity, s.releaseCreate),
	})
	s.handle("/staff/releases/{rid}/draw", methods{"POST": s.staffOnly(staff.ManageCapacity, s.releaseDraw)})

	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.api_not_found"))
	})
	s.handle("/api/v1/openapi.json", methods{"GET": s.apiOpenAPI})
	s.handle("/api/v1/missions", methods{"GET": s.cached(s.apiMissionList)})
	s.handle("/api/v1/missions/{id}", methods{"GET": s.cached(s.apiMissionShow)})
	s.handle("/api/v1/jurisdiction", methods{"GET": s.cached(s.apiJurisdiction)})
	s.handle("/api/v1/entry-check", methods{"GET": s.cached(s.apiEntryCheck)})
	s.handle("/api/v1/missions/{id}/services", methods{"GET": s.apiServiceList})
	s.handle("/api/v1/missions/{id}/slots", methods{"GET": s.apiSlotList})
	s.handle("/api/v1/bookings", methods{"POST": s.apiBookingCreate})
	s.handle("/api/v1/bookings/{reference}", methods{"GET": s.apiBookingShow})
	s.handle("/api/v1/bookings/{reference}/cancel", methods{"POST": s.apiBookingCancel})
	s.handle("/api/v1/bookings/{reference}/reschedule", methods{"POST": s.apiBookingReschedule})
	s.handle("/api/v1/bookings/{reference}/verify", methods{"POST": s.apiBookingVerify})
	s.handle("/api/v1/bookings/{reference}/calendar.ics", methods{"GET": s.apiBookingCalendar})
	s.handle("/api/v1/releases/{id}", methods{"GET": s.apiReleaseShow})
	s.handle("/api/v1/releases/{id}/requests", methods{"POST": s.apiReleaseRequest})
	s.handle("/api/v1/subdivisions", methods{"GET": s.cached(s.apiSubdivisions)})
	for kind, path := range coopPaths {
		s.handle(path, methods{"GET": s.cached(s.apiCoopList(kind))})
	}
	s.handle("/api/v1/search", methods{"GET": s.cached(s.apiSearch)})
	s.handle("/relations", methods{"GET": s.cached(s.relations)})
	s.handle("/relations/search", methods{"GET": s.cached(s.relationsSearch)})

	s.recordRoutes()
	s.eventRoutes()
	s.matchRoutes()
}

// healthTimeout bounds the database check of /healthz and /readyz, so a
// stuck database answers 503 in time for the prober rather than hanging.
const healthTimeout = 2 * time.Second

// health answers whether the database takes a write: on SQLite that the
// single writer connection is free, on PostgreSQL that the server is not
// read-only.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	s.checkDatabase(w, r, "ok")
}

// readiness answers as health does, with "ready". Until start-up is over
// (migrations, first data, background work) monitor.UntilReady answers it,
// and every other request, with 503 "starting".
func (s *Server) readiness(w http.ResponseWriter, r *http.Request) {
	s.checkDatabase(w, r, "ready")
}

// checkDatabase answers 200 with status good when the database takes a
// write, else 503. The cause of a failure is logged; the answer names none.
func (s *Server) checkDatabase(w http.ResponseWriter, r *http.Request, good string) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := s.db.CheckWrite(ctx); err != nil {
		s.log.WarnContext(r.Context(), "database check failed", "route", r.Pattern, "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": good})
}
