package web

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
)

const (
	maxSlotDays       = 31
	maxIdempotencyKey = 128
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
	svc, cal, err := s.appts.MissionService(r.Context(), r.PathValue("id"), q.Get("service"))
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
		if res.Cal.Zone != nil {
			s.failBookingOf(w, r, err, res.Service, res.Cal)
		} else {
			s.failBooking(w, r, err, req.Service)
		}
		return
	}
	if res.Replay != nil {
		w.Header().Set("Idempotent-Replayed", "true")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(res.Replay.Status)
		w.Write(res.Replay.Body)
		return
	}
	body, err := bookingBody(res.Booking, res.Token, res.Cal.Zone)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/bookings/"+res.Booking.Reference)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	w.Write(body)
}

// createBooking books what a request carries through the booking
// workflow, with the API's answer kept for an idempotency key.
func (s *Server) createBooking(r *http.Request, req bookingRequest, key string) (appointments.Booked, error) {
	v := visitOf(r)
	return s.appts.Book(r.Context(), appointments.Request{Service: req.Service, Start: req.Start, Name: req.Name,
		Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang,
		Origin: appointments.Origin{ReaderLang: v.lang, IP: v.ip, Base: requestBase(r), IdempotencyKey: key},
		Render: func(b booking.Booking, token string, zone *time.Location) (int, []byte, error) {
			body, err := bookingBody(b, token, zone)
			return http.StatusCreated, body, err
		}})
}

// bookingBody is the answer to a new booking: it alone carries the
// manage token.
func bookingBody(b booking.Booking, token string, zone *time.Location) ([]byte, error) {
	out := toAPIBooking(b, zone)
	out.Token = token
	out.ManageURL = appointments.ManageLink(b.Reference, token)
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
	return errors.Is(err, booking.ErrSlotFull) || errors.Is(err, booking.ErrDayFull)
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
	b, err := s.appts.Cancel(r.Context(), r.PathValue("reference"), bookingToken(r))
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
	b, err := s.appts.Reschedule(r.Context(), requestBase(r), ref, token, req.Start)
	if err != nil {
		if raceLost(err) {
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
