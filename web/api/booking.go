package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/web/ui"
)

const (
	maxSlotDays = 31
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
	// The catalogue: what the service's page says before one books.
	Description    apiText       `json:"description"`
	Documents      []apiText     `json:"documents"`
	ProcessingTime apiText       `json:"processing_time"`
	Fee            apiServiceFee `json:"fee"`
}

func toAPIService(s booking.Service) apiService {
	docs := []apiText{}
	for _, d := range s.Documents {
		docs = append(docs, d)
	}
	return apiService{ID: s.ID, Mission: s.MissionID, Name: s.Name, Duration: s.Duration, Capacity: s.Capacity,
		WindowDays: s.WindowDays, MinNotice: s.MinNotice, DailyQuota: s.DailyQuota, NeedsPassport: s.NeedsPassport,
		VerifyEmail: s.VerifyEmail, Mode: string(s.Mode), Description: orEmpty(s.Description), Documents: docs,
		ProcessingTime: orEmpty(s.ProcessingTime), Fee: apiServiceFee{Kind: s.Fee.Kind, Sourced: s.Fee.Sourced(), Text: s.Fee.Text}}
}

func (s *Server) apiServiceList(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	m, err := s.DB.Mission(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	svcs, err := s.DB.Services(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := []apiService{}
	for _, svc := range svcs {
		if !svc.Active {
			continue
		}
		a := toAPIService(svc)
		if err := s.feeGrounds(r.Context(), m, svc.Fee, &a.Fee); err != nil {
			s.Fail(w, r, err)
			return
		}
		out = append(out, a)
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"services": out})
}

type apiSlot struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Capacity  int    `json:"capacity"`
	Available int    `json:"available"`
}

func (s *Server) apiSlotList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var from, to calendar.Date
	l, svc, cal, err := s.Appts.ServiceAvailability(r.Context(), r.PathValue("id"), q.Get("service"),
		func(svc booking.Service, cal calendar.Calendar) (calendar.Date, calendar.Date, error) {
			var err error
			from, to, err = slotDays(q, svc, cal, s.DB.Now())
			return from, to, err
		})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	// The answer is rendered once per listing and shared while the listing
	// lasts: under a release's refreshes most requests only check that
	// nothing changed.
	body := appointments.Rendered(l, func(slots []booking.Slot) *ui.Encoded {
		out := make([]apiSlot, 0, len(slots))
		for _, sl := range slots {
			if errors.Is(sl.Refused, booking.ErrLotteryOnly) {
				continue // given out only by the draw: not a slot to book
			}
			out = append(out, toAPISlot(sl, cal.Zone))
		}
		return ui.Encode("application/json; charset=utf-8", ui.IndentedJSON(map[string]any{"service": svc.ID,
			"time_zone": cal.Zone.String(), "from": from.String(), "to": to.String(), "slots": out}))
	})
	body.Write(w, r)
}

// slotDays are the days a slots request asks for: from (by default the
// booking window's first day) to to (by default its last, or the
// maxSlotDays-th day from from if that comes first), at most maxSlotDays
// days in all.
func slotDays(q url.Values, svc booking.Service, cal calendar.Calendar, now time.Time) (from, to calendar.Date, err error) {
	first, last := booking.Window(svc, cal, now)
	from, to = first, last
	if v := q.Get("from"); v != "" {
		if from, err = calendar.ParseDate(v); err != nil {
			return from, to, err
		}
	}
	if v := q.Get("to"); v != "" {
		if to, err = calendar.ParseDate(v); err != nil {
			return from, to, err
		}
	} else if from.AddDays(maxSlotDays - 1).Before(to) {
		to = from.AddDays(maxSlotDays - 1)
	}
	if to.Before(from) || from.AddDays(maxSlotDays-1).Before(to) {
		return from, to, chancery.Errorf(chancery.EINVALID, "error.slot_range_invalid", "Max", maxSlotDays)
	}
	return from, to, nil
}

func toAPISlot(sl booking.Slot, zone *time.Location) apiSlot {
	return apiSlot{Start: sl.Start.In(zone).Format(time.RFC3339), End: sl.End.In(zone).Format(time.RFC3339),
		Capacity: sl.Capacity, Available: sl.Available()}
}

// decodeJSON reads a JSON request body into v: the content type must be
// JSON, unknown fields and trailing data are errors, and so are invalid
// UTF-8 and NUL characters ("\u0000") in its strings.
func decodeJSON(r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return chancery.Errorf(chancery.EUNSUPPORTED, "error.content_type_json")
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return chancery.Errorf(chancery.EINVALID, "error.json_invalid")
	}
	// Invalid UTF-8 is refused as in a path or form, not decoded to U+FFFD.
	if !utf8.Valid(body) {
		return ui.ErrUnreadableText()
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return chancery.Errorf(chancery.EINVALID, "error.json_invalid")
	}
	if _, err := dec.Token(); err != io.EOF {
		return chancery.Errorf(chancery.EINVALID, "error.json_invalid")
	}
	if !ui.DecodedText(v) {
		return ui.ErrUnreadableText()
	}
	return nil
}

func (s *Server) apiBookingCreate(w http.ResponseWriter, r *http.Request) {
	var req ui.BookingRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > ui.MaxIdempotencyKey || strings.ContainsFunc(key, func(c rune) bool { return c < 0x21 || c > 0x7e }) {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.idempotency_key_invalid", "Max", ui.MaxIdempotencyKey))
		return
	}
	res, err := ui.Book(s.Appts, r, req, key)
	if err != nil {
		if res.Cal.Zone != nil {
			s.failBookingOf(w, r, err, res.Service, res.Cal)
		} else {
			s.failBooking(w, r, err, req.Service)
		}
		return
	}
	if res.Replay != nil {
		writeReplay(w, res.Replay)
		return
	}
	body, err := ui.BookingBody(res.Booking, res.Token, res.Cal.Zone)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/bookings/"+res.Booking.Reference)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	w.Write(body)
}

// failBooking answers a failed booking of a service; a request that lost
// the race for a slot also gets the next free slots of the service.
func (s *Server) failBooking(w http.ResponseWriter, r *http.Request, err error, serviceID string) {
	if !ui.RaceLost(err) {
		s.Fail(w, r, err)
		return
	}
	// The conflict is the answer; the next free slots are a courtesy, left
	// out when the service or its calendar cannot be read.
	var cal calendar.Calendar
	svc, err2 := s.DB.Service(r.Context(), serviceID)
	if err2 == nil {
		cal, _ = s.DB.MissionCalendar(r.Context(), svc.MissionID)
	}
	s.failBookingOf(w, r, err, svc, cal)
}

// failBookingOf is failBooking with the service and its calendar read
// already; without a calendar (cal.Zone nil) there are no next free slots.
func (s *Server) failBookingOf(w http.ResponseWriter, r *http.Request, err error, svc booking.Service, cal calendar.Calendar) {
	if !ui.RaceLost(err) {
		s.Fail(w, r, err)
		return
	}
	next := []apiSlot(nil)
	if cal.Zone != nil {
		// The conflict is the answer; the next free slots are a courtesy,
		// left out when they cannot be read.
		slots, _ := s.Appts.NextFree(r.Context(), svc, cal, 5)
		for _, sl := range slots {
			next = append(next, toAPISlot(sl, cal.Zone))
		}
	}
	ek, data := chancery.ErrorKey(err)
	msg := s.Translate(ui.VisitOf(r).Lang, ek, data)
	ui.WriteJSON(w, http.StatusConflict, map[string]any{"error": map[string]any{"code": chancery.ECONFLICT, "message": msg, "next_free_slots": next}})
}

func (s *Server) apiBookingShow(w http.ResponseWriter, r *http.Request) {
	b, err := s.DB.BookingByToken(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIBooking(b, s.ZoneOf(r.Context(), b.MissionID)))
}

func (s *Server) apiBookingCancel(w http.ResponseWriter, r *http.Request) {
	b, err := s.Appts.Cancel(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIBooking(b, s.ZoneOf(r.Context(), b.MissionID)))
}

// rescheduleRequest is the JSON body of POST /api/v1/bookings/{reference}/reschedule.
type rescheduleRequest struct {
	Start string `json:"start"`
}

func (s *Server) apiBookingReschedule(w http.ResponseWriter, r *http.Request) {
	var req rescheduleRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	ref, token := r.PathValue("reference"), ui.BookingToken(r)
	b, err := s.Appts.Reschedule(r.Context(), ref, token, req.Start)
	if err != nil {
		if ui.RaceLost(err) {
			if cur, err2 := s.DB.BookingByToken(r.Context(), ref, token); err2 == nil {
				s.failBooking(w, r, err, cur.ServiceID)
				return
			}
		}
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIBooking(b, s.ZoneOf(r.Context(), b.MissionID)))
}
