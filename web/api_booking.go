package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store"
)

// Booking rate limits, counted in the database so that every instance
// shares them: per client address, and per person (normalized email).
const (
	bookingsPerIP       = 30
	bookingsPerIdentity = 5
	bookingWindow       = time.Hour
	maxSlotDays         = 31
	maxIdempotencyKey   = 128
)

type apiService struct {
	ID            string  `json:"id"`
	Mission       string  `json:"mission"`
	Name          apiText `json:"name"`
	Duration      int     `json:"duration_minutes"`
	Capacity      int     `json:"capacity"`
	WindowDays    int     `json:"window_days"`
	MinNotice     int     `json:"min_notice_hours"`
	DailyQuota    int     `json:"daily_quota,omitempty"`
	NeedsPassport bool    `json:"needs_passport"`
	VerifyEmail   bool    `json:"verify_email"`
	Mode          string  `json:"mode"`
}

func toAPIService(s booking.Service) apiService {
	return apiService{ID: s.ID, Mission: s.MissionID, Name: s.Name, Duration: s.Duration, Capacity: s.Capacity,
		WindowDays: s.WindowDays, MinNotice: s.MinNotice, DailyQuota: s.DailyQuota, NeedsPassport: s.NeedsPassport,
		VerifyEmail: s.VerifyEmail, Mode: string(s.Mode)}
}

func (s *Server) apiServiceList(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := s.db.Mission(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	svcs, err := s.db.Services(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []apiService{}
	for _, svc := range svcs {
		if svc.Active {
			out = append(out, toAPIService(svc))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"services": out})
}

type apiSlot struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Capacity  int    `json:"capacity"`
	Available int    `json:"available"`
}

// missionService loads a service of a mission with the mission's calendar.
func (s *Server) missionService(ctx context.Context, missionID, serviceID string) (booking.Service, calendar.Calendar, error) {
	svc, err := s.db.Service(ctx, serviceID)
	if err == nil && (svc.MissionID != missionID || !svc.Active) {
		err = chancery.Errorf(chancery.ENOTFOUND, "error.service_not_found", "ID", echo(serviceID))
	}
	if err != nil {
		return svc, calendar.Calendar{}, err
	}
	cal, err := s.db.MissionCalendar(ctx, missionID)
	return svc, cal, err
}

// freeSlots lists the slots of a service from day from to day to that a
// person may book now, with their places.
func (s *Server) freeSlots(ctx context.Context, svc booking.Service, cal calendar.Calendar, from, to calendar.Date, now time.Time) ([]booking.Slot, error) {
	var out []booking.Slot
	earliest := now.Add(time.Duration(svc.MinNotice) * time.Hour)
	_, last := booking.Window(svc, cal, now)
	for d := from; !to.Before(d) && !last.Before(d); d = d.AddDays(1) {
		// Slots gives none on a closed day and only times on the day's
		// grid, so what is left to check is what booking.Offered checks of
		// the time itself: not past and not too soon.
		for _, sl := range booking.Slots(svc, cal, d) {
			if sl.Start.After(now) && !sl.Start.Before(earliest) {
				out = append(out, sl)
			}
		}
	}
	if len(out) == 0 {
		return nil, nil // nothing to read the places of
	}
	usage, err := s.db.SlotUsage(ctx, svc.ID, from.In(cal.Zone), to.AddDays(1).In(cal.Zone))
	if err != nil {
		return nil, err
	}
	for i, sl := range out {
		if u, ok := usage[sl.Start.UnixMilli()]; ok {
			out[i].Capacity, out[i].Held, out[i].Booked = u.Capacity, u.Held, u.Booked
		}
	}
	return out, nil
}

func (s *Server) apiSlotList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	svc, cal, err := s.missionService(r.Context(), r.PathValue("id"), q.Get("service"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.db.Now()
	first, last := booking.Window(svc, cal, now)
	from, to := first, last
	if v := q.Get("from"); v != "" {
		if from, err = calendar.ParseDate(v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if v := q.Get("to"); v != "" {
		if to, err = calendar.ParseDate(v); err != nil {
			s.fail(w, r, err)
			return
		}
	} else if from.AddDays(maxSlotDays - 1).Before(to) {
		to = from.AddDays(maxSlotDays - 1)
	}
	if to.Before(from) || from.AddDays(maxSlotDays-1).Before(to) {
		s.fail(w, r, chancery.Errorf(chancery.EINVALID, "error.slot_range_invalid", "Max", maxSlotDays))
		return
	}
	slots, err := s.freeSlots(r.Context(), svc, cal, from, to, now)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []apiSlot{}
	for _, sl := range slots {
		out = append(out, toAPISlot(sl, cal.Zone))
	}
	writeJSON(w, http.StatusOK, map[string]any{"service": svc.ID, "time_zone": cal.Zone.String(),
		"from": from.String(), "to": to.String(), "slots": out})
}

func toAPISlot(sl booking.Slot, zone *time.Location) apiSlot {
	return apiSlot{Start: sl.Start.In(zone).Format(time.RFC3339), End: sl.End.In(zone).Format(time.RFC3339),
		Capacity: sl.Capacity, Available: sl.Available()}
}

// bookingRequest is the JSON body of POST /api/v1/bookings.
type bookingRequest struct {
	Service  string `json:"service"`
	Start    string `json:"start"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Passport string `json:"passport"`
	Lang     string `json:"lang"`
}

type apiBooking struct {
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

func toAPIBooking(b booking.Booking, zone *time.Location) apiBooking {
	out := apiBooking{Reference: b.Reference, Status: string(b.Status), Service: b.ServiceID, Mission: b.MissionID,
		Start: b.Start.In(zone).Format(time.RFC3339), End: b.End.In(zone).Format(time.RFC3339), Name: b.Applicant.Name,
		Email: b.Applicant.Email, Phone: b.Applicant.Phone, Passport: b.Applicant.Passport, Sequence: b.Sequence,
		CancelReason: string(b.CancelReason)}
	if b.Status == booking.Pending && !b.VerifyBy.IsZero() {
		out.VerifyBy = b.VerifyBy.In(zone).Format(time.RFC3339)
	}
	return out
}

// decodeJSON reads a JSON request body into v: the content type must be
// JSON, unknown fields and trailing data are errors.
func decodeJSON(r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return chancery.Errorf(chancery.EUNSUPPORTED, "error.content_type_json")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return chancery.Errorf(chancery.EINVALID, "error.json_invalid")
	}
	if _, err := dec.Token(); err != io.EOF {
		return chancery.Errorf(chancery.EINVALID, "error.json_invalid")
	}
	return nil
}

func (s *Server) apiBookingCreate(w http.ResponseWriter, r *http.Request) {
	var req bookingRequest
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > maxIdempotencyKey || strings.ContainsFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e }) {
		s.fail(w, r, chancery.Errorf(chancery.EINVALID, "error.idempotency_key_invalid", "Max", maxIdempotencyKey))
		return
	}
	res, err := s.createBooking(r, req, key)
	if err != nil {
		if res.cal.Zone != nil {
			s.failBookingOf(w, r, err, res.svc, res.cal)
		} else {
			s.failBooking(w, r, err, req.Service)
		}
		return
	}
	if res.replay != nil {
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(res.replay.Status)
		w.Write(res.replay.Body)
		return
	}
	w.Header().Set("Location", "/api/v1/bookings/"+res.booking.Reference)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	w.Write(res.body)
}

type bookingResult struct {
	svc     booking.Service
	cal     calendar.Calendar // set once the service and its calendar are read
	booking booking.Booking
	token   string
	body    []byte
	replay  *store.Replay
}

// createBooking checks a booking request and makes it. With an
// idempotency key, the answer is stored with the booking in the same
// transaction, and a retry gets it back.
func (s *Server) createBooking(r *http.Request, req bookingRequest, key string) (res bookingResult, err error) {
	defer func() { s.countOutcome("booking", err, res.replay != nil) }() // monitor hook
	ctx := r.Context()
	v := visitOf(r)
	svc, err := s.db.Service(ctx, req.Service)
	if err != nil {
		return res, err
	}
	cal, err := s.db.MissionCalendar(ctx, svc.MissionID)
	if err != nil {
		return res, err
	}
	start, err := time.Parse(time.RFC3339, strings.TrimSpace(req.Start))
	if err != nil {
		return res, chancery.Errorf(chancery.EINVALID, "error.start_invalid", "Field", "start")
	}
	a := booking.Applicant{Name: req.Name, Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang}.Normalized()
	if !knownLang(a.Lang) {
		a.Lang = v.lang
	}
	if err := a.Validate(svc); err != nil {
		return res, err
	}
	slot, err := booking.Offered(svc, cal, start, s.db.Now())
	if err != nil {
		return res, err
	}
	res.svc, res.cal = svc, cal
	limits := []store.Limit{{Bucket: "book-ip:" + v.ip, Max: bookingsPerIP},
		{Bucket: "book-who:" + booking.NormalizeEmail(a.Email), Max: bookingsPerIdentity}}
	// A slot already full is refused with a read, before any booking
	// write: in a release most requests lose. The attempt still counts
	// against the rate limits, and the booking transaction still decides
	// for the others.
	if key == "" {
		usage, err := s.db.SlotUsage(ctx, svc.ID, slot.Start, slot.End)
		if err != nil {
			return res, err
		}
		if u, ok := usage[slot.Start.UnixMilli()]; ok && u.Available() == 0 {
			ok, retry, err := s.db.HitAll(ctx, limits, bookingWindow)
			if err != nil {
				return res, err
			}
			if !ok {
				return res, bookingRateLimited(retry)
			}
			return res, chancery.Errorf(chancery.ECONFLICT, "error.slot_full")
		}
	}
	token, hash := booking.NewToken()
	base := s.publicURL(r)
	in := store.BookInput{Service: svc, Slot: slot, Day: calendar.DateOf(slot.Start, cal.Zone).String(), Applicant: a,
		Reference: booking.NewReference(), TokenHash: hash, Status: booking.Confirmed, Limits: limits, LimitWindow: bookingWindow}
	kind, link := MailConfirmation, func(b booking.Booking) string { return base + manageLink(b.Reference, token) }
	if svc.VerifyEmail {
		// The booking holds its place while the applicant confirms the
		// code mailed to them, which only the owner of the address reads.
		code, codeHash := booking.NewToken()
		in.Status, in.VerifyHash, in.VerifyBy = booking.Pending, codeHash, s.db.Now().Add(booking.VerifyWithin)
		kind, link = MailVerification, func(b booking.Booking) string { return base + verifyLink(b.Reference, token, code) }
	}
	if in.Notify, err = s.serviceNotifier(ctx, kind, svc, link); err != nil {
		return res, err
	}
	if key != "" {
		sum := sha256.Sum256([]byte(strings.Join([]string{svc.ID, slot.Start.UTC().Format(time.RFC3339), a.Name,
			booking.NormalizeEmail(a.Email), a.Phone, a.Passport}, "\x00")))
		in.IdempotencyKey, in.RequestHash = key, hex.EncodeToString(sum[:])
		in.Render = func(b booking.Booking) (int, []byte, error) {
			body, err := s.bookingBody(b, token, cal.Zone)
			return http.StatusCreated, body, err
		}
	}
	b, replay, err := s.db.Book(ctx, in)
	if err != nil || replay != nil {
		res.replay = replay
		return res, err
	}
	res.booking, res.token = b, token
	res.body, err = s.bookingBody(b, token, cal.Zone)
	return res, err
}

// countOutcome tells the metrics how a booking or registration attempt
// of kind ended, and counts a refusal by the rate limits. (monitor hook)
func (s *Server) countOutcome(kind string, err error, replayed bool) {
	outcome := monitor.OutcomeOf(err)
	if replayed {
		outcome = monitor.OutcomeReplayed
	}
	s.cfg.Metrics.Outcome(kind, outcome)
	if outcome == chancery.ERATELIMIT {
		s.cfg.Metrics.RateLimited(kind)
	}
}

// bookingRateLimited is the answer to a booking request over a rate limit.
func bookingRateLimited(retry time.Duration) error {
	return chancery.Errorf(chancery.ERATELIMIT, "error.booking_rate_limited", "Minutes", int(retry.Minutes())+1)
}

func (s *Server) bookingBody(b booking.Booking, token string, zone *time.Location) ([]byte, error) {
	out := toAPIBooking(b, zone)
	out.Token = token
	out.ManageURL = manageLink(b.Reference, token)
	return json.MarshalIndent(out, "", "  ")
}

// failBooking answers a failed booking of a service; a request that lost
// the race for a slot also gets the next free slots of the service.
func (s *Server) failBooking(w http.ResponseWriter, r *http.Request, err error, serviceID string) {
	if !raceLost(err) {
		s.fail(w, r, err)
		return
	}
	// The conflict is the answer; the next free slots are a courtesy, left
	// out when the service or its calendar cannot be read.
	var cal calendar.Calendar
	svc, err2 := s.db.Service(r.Context(), serviceID)
	if err2 == nil {
		cal, _ = s.db.MissionCalendar(r.Context(), svc.MissionID)
	}
	s.failBookingOf(w, r, err, svc, cal)
}

// raceLost reports whether err says the slot or its day filled up.
func raceLost(err error) bool {
	key, _ := chancery.ErrorKey(err)
	return chancery.ErrorCode(err) == chancery.ECONFLICT && (key == "error.slot_full" || key == "error.day_full")
}

// failBookingOf is failBooking with the service and its calendar read
// already; without a calendar (cal.Zone nil) there are no next free slots.
func (s *Server) failBookingOf(w http.ResponseWriter, r *http.Request, err error, svc booking.Service, cal calendar.Calendar) {
	if !raceLost(err) {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	next := []apiSlot(nil)
	if cal.Zone != nil {
		now := s.db.Now()
		first, last := booking.Window(svc, cal, now)
		// Day by day, so a busy release does not read the whole window
		// for every request that lost the race.
		for d := first; !last.Before(d) && len(next) < 5; d = d.AddDays(1) {
			slots, err := s.freeSlots(ctx, svc, cal, d, d, now)
			if err != nil {
				break
			}
			for _, sl := range slots {
				if sl.Available() > 0 && len(next) < 5 {
					next = append(next, toAPISlot(sl, cal.Zone))
				}
			}
		}
	}
	ek, data := chancery.ErrorKey(err)
	msg := s.translate(visitOf(r).lang, ek, data)
	writeJSON(w, http.StatusConflict, map[string]any{"error": map[string]any{"code": chancery.ECONFLICT, "message": msg, "next_free_slots": next}})
}

// bookingToken is the manage-link token of a request: the Authorization
// bearer token, or the token query parameter.
func bookingToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	return r.URL.Query().Get("token")
}

func (s *Server) apiBookingShow(w http.ResponseWriter, r *http.Request) {
	b, err := s.db.BookingByToken(r.Context(), r.PathValue("reference"), bookingToken(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIBooking(b, s.missionZone(r.Context(), b.MissionID)))
}

func (s *Server) apiBookingCancel(w http.ResponseWriter, r *http.Request) {
	b, err := s.cancelBooking(r.Context(), r.PathValue("reference"), bookingToken(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIBooking(b, s.missionZone(r.Context(), b.MissionID)))
}

// missionZone is a mission's time zone, or the missions' default zone.
func (s *Server) missionZone(ctx context.Context, missionID string) *time.Location {
	if m, err := s.db.Mission(ctx, missionID); err == nil {
		return zone(m.TimeZone)
	}
	return zone(MissionZone)
}

// rescheduleRequest is the JSON body of POST /api/v1/bookings/{reference}/reschedule.
type rescheduleRequest struct {
	Start string `json:"start"`
}

func (s *Server) apiBookingReschedule(w http.ResponseWriter, r *http.Request) {
	var req rescheduleRequest
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	ref, token := r.PathValue("reference"), bookingToken(r)
	b, err := s.rescheduleBooking(r, ref, token, req.Start)
	if err != nil {
		key, _ := chancery.ErrorKey(err)
		if key == "error.slot_full" || key == "error.day_full" {
			if cur, err2 := s.db.BookingByToken(r.Context(), ref, token); err2 == nil {
				s.failBooking(w, r, err, cur.ServiceID)
				return
			}
		}
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIBooking(b, s.missionZone(r.Context(), b.MissionID)))
}

// rescheduleBooking moves a booking, found by its reference and token, to
// the slot of its service that starts at start (RFC 3339), and queues the
// updated calendar entry (same UID, higher SEQUENCE).
func (s *Server) rescheduleBooking(r *http.Request, ref, token, start string) (booking.Booking, error) {
	ctx := r.Context()
	cur, err := s.db.BookingByToken(ctx, ref, token)
	if err != nil {
		return cur, err
	}
	svc, cal, err := s.missionService(ctx, cur.MissionID, cur.ServiceID)
	if err != nil {
		return cur, err
	}
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(start))
	if err != nil {
		return cur, chancery.Errorf(chancery.EINVALID, "error.start_invalid", "Field", "start")
	}
	slot, err := booking.Offered(svc, cal, at, s.db.Now())
	if err != nil {
		return cur, err
	}
	base := s.publicURL(r)
	notify, err := s.bookingNotifier(ctx, MailConfirmation, svc.ID, func(b booking.Booking) string {
		return base + manageLink(b.Reference, token)
	})
	if err != nil {
		return cur, err
	}
	return s.db.Reschedule(ctx, store.RescheduleInput{Reference: ref, Token: token, Service: svc, Slot: slot,
		Day: calendar.DateOf(slot.Start, cal.Zone).String(), Notify: notify})
}

// cancelBooking cancels a booking for the holder of its token and queues
// the cancellation (METHOD:CANCEL) in the same transaction.
func (s *Server) cancelBooking(ctx context.Context, ref, token string) (booking.Booking, error) {
	cur, err := s.db.BookingByToken(ctx, ref, token)
	if err != nil {
		return cur, err
	}
	notify, err := s.bookingNotifier(ctx, MailCancellation, cur.ServiceID, nil)
	if err != nil {
		return cur, err
	}
	return s.db.CancelBookingWith(ctx, ref, token, notify)
}
