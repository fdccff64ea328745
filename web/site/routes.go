package site

import (
	"github.com/chancery-platform/chancery/web/ui"
)

// Register adds the public site's routes to the shared mux, with the
// not-found page for every other path.
func (s *Server) Register() {
	// The entry check's API shares its reading of the question and its
	// answer with the page, so it is served here.
	s.Handle("/api/v1/entry-check", ui.Methods{"GET": s.Cached(s.apiEntryCheck, entryParams...)})
	s.Mux.HandleFunc("/", s.NotFound)
	s.Handle("/{$}", ui.Methods{"GET": s.Cached(s.home)})
	s.Handle("/static/", ui.Methods{"GET": s.ServeAsset})
	s.Handle("/favicon.ico", ui.Methods{"GET": s.ServeFavicon})

	s.Handle("/missions", ui.Methods{"GET": s.Cached(s.missionList)})
	s.Handle("/missions/{id}", ui.Methods{"GET": s.Cached(s.missionShow)})
	s.Handle("/districts", ui.Methods{"GET": s.Cached(s.districtMap)})
	s.Handle("/jurisdiction", ui.Methods{"GET": s.Cached(s.jurisdictionFind, "sending", "subdivision", "place")})
	s.Handle("/entry-check", ui.Methods{"GET": s.Cached(s.entryCheck, entryPageParams...)})
	s.Handle("/sources", ui.Methods{"GET": s.Cached(s.sourceList)})

	// Booking journey (pages)
	s.Handle("/book", ui.Methods{"GET": s.bookingIndex})
	s.Handle("/missions/{id}/book", ui.Methods{"GET": s.bookingServices})
	s.Handle("/missions/{id}/book/{service}", ui.Methods{"GET": s.bookingWeek})
	s.Handle("/missions/{id}/services/{service}", ui.Methods{"GET": s.Cached(s.serviceShow)})
	s.Handle("/missions/{id}/book/{service}/details", ui.Methods{"GET": s.bookingDetailsShow, "POST": s.bookingDetailsSubmit}.NoStore())
	s.Handle("/missions/{id}/book/{service}/check", ui.Methods{"GET": s.bookingCheckShow}.NoStore())
	s.Handle("/missions/{id}/book/{service}/resend", ui.Methods{"POST": s.bookingResendHeld}.NoStore())
	s.Handle("/missions/{id}/book/{service}/confirm", ui.Methods{"GET": s.bookingConfirmGet, "POST": s.bookingConfirm}.NoStore())
	s.Handle("/bookings/find", ui.Methods{"GET": s.findShow(s.bookingFinder()), "POST": s.find(s.bookingFinder())}.NoStore())
	s.Handle("/bookings/{reference}", ui.Methods{"GET": s.bookingManage}.Private())
	s.Handle("/bookings/{reference}/cancel", ui.Methods{"GET": s.bookingCancelShow, "POST": s.bookingCancel}.Private())
	s.Handle("/bookings/{reference}/reschedule", ui.Methods{"GET": s.bookingMoveShow, "POST": s.bookingMove}.Private())
	s.Handle("/bookings/{reference}/verify", ui.Methods{"GET": s.bookingVerifyShow, "POST": s.bookingVerify}.Private())
	// Consular cases: the applicant's pages (application_pages.go)
	s.Handle("/missions/{id}/apply", ui.Methods{"GET": s.applyIndex})
	s.Handle("/missions/{id}/apply/{type}", ui.Methods{"GET": s.applyStartShow, "POST": s.applyStart}.NoStore())
	s.Handle("/applications/find", ui.Methods{"GET": s.findShow(s.applicationFinder()), "POST": s.find(s.applicationFinder())}.NoStore())
	s.Handle("/applications/{reference}", ui.Methods{"GET": s.applicationShow}.Private())
	s.Handle("/applications/{reference}/export", ui.Methods{"GET": s.ApplicationExport}.Private())
	s.Handle("/applications/{reference}/answers", ui.Methods{"POST": s.applicationAction(s.applicationSave, true)}.Private())
	s.Handle("/applications/{reference}/check", ui.Methods{"GET": s.applicationCheckShow}.Private())
	s.Handle("/applications/{reference}/submit", ui.Methods{"POST": s.applicationActionOn("application_check", s.applicationSubmit, false)}.Private())
	s.Handle("/applications/{reference}/withdraw", ui.Methods{"GET": s.applicationWithdrawShow, "POST": s.applicationAction(s.applicationWithdraw, false)}.Private())
	s.Handle("/applications/{reference}/documents", ui.Methods{"POST": s.applicationUpload}.Private())
	s.Handle("/applications/{reference}/documents/{id}/remove", ui.Methods{"GET": s.applicationRemoveShow, "POST": s.applicationAction(s.applicationRemove, false)}.Private())
	s.Handle("/applications/{reference}/confirm", ui.Methods{"GET": s.applicationConfirmShow, "POST": s.applicationConfirm}.Private())
	s.Handle("/applications/{reference}/document.pdf", ui.Methods{"GET": s.applicationDocument}.Private())
	// Documents anyone can verify (document_verify.go)
	s.Handle("/verify", ui.Methods{"GET": s.verifyForm})
	s.Handle("/verify/keys", ui.Methods{"GET": s.verifyKeys})
	s.Handle("/verify/{code}", ui.Methods{"GET": s.verifyShow})
	s.Handle("/releases/{id}/requests/{request}/verify", ui.Methods{"GET": s.releaseVerifyShow, "POST": s.releaseVerify}.Private())

	s.Handle("/relations", ui.Methods{"GET": s.Cached(s.relations)})
	s.Handle("/relations/search", ui.Methods{"GET": s.Cached(s.relationsSearch, "q", "after")})
	s.Handle("/relations/{kind}/{id}", ui.Methods{"GET": s.Cached(s.relationsRecord)})

	s.eventRoutes()
	s.matchRoutes()
}
