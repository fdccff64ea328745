package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mail/mailtest"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

var verifyURL = regexp.MustCompile(`https://consulate\.example(/bookings/[^/\s]+/verify\?token=\S+&code=\S+)`)

// mailEnv is a booking environment with a real SMTP server behind the
// mailer and a public URL for the links in the mails.
func mailEnv(t *testing.T) (*testEnv, *client, *web.Mailer, *mailtest.Server) {
	e := newBookingEnv(t)
	smtpd := mailtest.Start(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: "https://consulate.example"})
	if err != nil {
		t.Fatal(err)
	}
	conf := smtpd.SMTP()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return e, newClient(t, ts.URL), srv.NewMailer(&conf, "cq@consulate.example"), smtpd
}

// askForVerification makes the visa service confirm email addresses.
func askForVerification(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	svc, err := db.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	svc.VerifyEmail = true
	if _, err := db.SaveService(ctx, store.Actor{Name: "test"}, svc); err != nil {
		t.Fatal(err)
	}
}

// TestEmailVerification: a booking of a service that asks for it is
// pending, holds its place, and becomes confirmed only through the link
// mailed to the applicant, by a POST; the confirmation with its calendar
// entry follows.
func TestEmailVerification(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	askForVerification(t, e.DB)
	ctx := context.Background()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	b := decodeBooking(t, res)
	if res.Status != http.StatusCreated || b.Status != "pending" || !strings.Contains(res.Body, `"verify_by": "2026-11-23T11:00:00+08:00"`) {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	if got := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01"); !strings.Contains(got.Body, `"available": 1`) {
		t.Fatal("a pending booking does not hold its place")
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "/calendar.ics?token=" + b.Token); got.Status != http.StatusConflict {
		t.Fatalf("a calendar entry before confirmation: %d", got.Status)
	}
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d, %v", n, err)
	}
	ask := parseMail(t, smtpd.Messages()[0].Data)
	link := verifyURL.FindStringSubmatch(ask.Text)
	if ask.Calendar != nil || link == nil || !strings.Contains(ask.Subject, b.Reference) || !strings.Contains(ask.Text, "11:00") {
		t.Fatalf("the verification mail: %q\n%s", ask.Subject, ask.Text)
	}

	// Following the link only shows a page; a mail scanner confirms nothing.
	page := c.get(link[1])
	if page.Status != 200 || !strings.Contains(page.Body, "Confirm my appointment") || page.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("the verification page: %d\n%.800s", page.Status, page.Body)
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token); !strings.Contains(got.Body, `"status": "pending"`) {
		t.Fatalf("a GET confirmed the booking: %s", got.Body)
	}
	if got := c.post(link[1], url.Values{}); got.Status != http.StatusForbidden {
		t.Fatalf("a POST without the CSRF token: %d", got.Status)
	}
	wrong := strings.Replace(link[1], "&code=", "&code=x", 1)
	if got := c.post(wrong, url.Values{"csrf": {pageCSRF(t, page)}}); got.Status != http.StatusBadRequest || !strings.Contains(got.Body, "not complete") {
		t.Fatalf("a wrong code: %d\n%.600s", got.Status, got.Body)
	}
	done := c.post(link[1], url.Values{"csrf": {pageCSRF(t, page)}})
	if done.Status != http.StatusSeeOther || !strings.HasSuffix(done.Header.Get("Location"), "&new=1") {
		t.Fatalf("confirming: %d %s", done.Status, done.Header.Get("Location"))
	}
	if manage := c.get(done.Header.Get("Location")); !strings.Contains(manage.Body, "Booked") && !strings.Contains(manage.Body, "booked") {
		t.Fatalf("the manage page after confirming:\n%.1200s", manage.Body)
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token); !strings.Contains(got.Body, `"status": "confirmed"`) || strings.Contains(got.Body, "verify_by") {
		t.Fatalf("after confirming: %s", got.Body)
	}
	if again := c.get(link[1]); again.Status != http.StatusSeeOther {
		t.Fatalf("the link of a confirmed booking: %d", again.Status)
	}
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("confirmation: sent %d, %v", n, err)
	}
	confirm := parseMail(t, smtpd.Messages()[1].Data)
	if confirm.Method != "REQUEST" || !strings.Contains(confirm.Text, "https://consulate.example/bookings/"+b.Reference+"?token="+b.Token) {
		t.Fatalf("the confirmation: %s\n%s", confirm.Method, confirm.Text)
	}

	// The calendar entry on its own, as the API gives it.
	ics := c.get("/api/v1/bookings/" + b.Reference + "/calendar.ics?token=" + b.Token)
	if ics.Status != 200 || !strings.HasPrefix(ics.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("calendar.ics: %d %s", ics.Status, ics.Header.Get("Content-Type"))
	}
	cal, err := ical.NewDecoder(strings.NewReader(ics.Body)).Decode()
	if err != nil {
		t.Fatalf("calendar.ics does not parse: %v\n%s", err, ics.Body)
	}
	ev := cal.Events()
	if m, _ := cal.Props.Text(ical.PropMethod); m != "REQUEST" || len(ev) != 1 ||
		ev[0].Props.Get(ical.PropDateTimeStart).Params.Get(ical.ParamTimezoneID) != "Asia/Shanghai" {
		t.Fatalf("calendar.ics: %s", ics.Body)
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "/calendar.ics?token=nope"); got.Status != 404 {
		t.Fatalf("calendar.ics with a wrong token: %d", got.Status)
	}
}

// TestUnverifiedBookingExpires: a place not confirmed within the hour goes
// back, the applicant is told, and the API's confirmation then refuses.
func TestUnverifiedBookingExpires(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	askForVerification(t, e.DB)
	ctx := context.Background()
	b := decodeBooking(t, c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil))
	if n, _ := mailer.SendDue(ctx); n != 1 {
		t.Fatal("no verification mail")
	}
	code := verifyURL.FindStringSubmatch(parseMail(t, smtpd.Messages()[0].Data).Text)
	if code == nil {
		t.Fatal("no link in the verification mail")
	}
	u, _ := url.Parse(code[1])
	verify := func() response {
		return c.do("POST", "/api/v1/bookings/"+b.Reference+"/verify", strings.NewReader(`{"code":"`+u.Query().Get("code")+`"}`),
			map[string]string{"Authorization": "Bearer " + b.Token, "Content-Type": "application/json"})
	}
	if n, _ := mailer.ExpireUnverified(ctx); n != 0 {
		t.Fatal("expired within the hour")
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(booking.VerifyWithin + time.Minute) }
	if n, err := mailer.ExpireUnverified(ctx); err != nil || n != 1 {
		t.Fatalf("expired %d, %v", n, err)
	}
	got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(got.Body, `"status": "cancelled"`) || !strings.Contains(got.Body, `"cancel_reason": "unverified"`) {
		t.Fatalf("after the hour: %s", got.Body)
	}
	if res := verify(); res.Status != http.StatusConflict || !strings.Contains(res.Body, "has passed") {
		t.Fatalf("confirming too late: %d %s", res.Status, res.Body)
	}
	if page := c.get(code[1]); page.Status != 200 || !strings.Contains(page.Body, "has passed") || strings.Contains(page.Body, "Confirm my appointment") {
		t.Fatalf("the link after the hour: %d\n%.800s", page.Status, page.Body)
	}
	if n, _ := mailer.SendDue(ctx); n != 1 {
		t.Fatal("the applicant was not told")
	}
	told := parseMail(t, smtpd.Messages()[1].Data)
	if told.Calendar != nil || !strings.Contains(told.Text, "https://consulate.example/missions/by-cg-chongqing/book/cq-visa") {
		t.Fatalf("the expiry mail:\n%s", told.Text)
	}
	if got := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01"); !strings.Contains(got.Body, `"available": 2`) {
		t.Fatal("the place did not come back")
	}
}

// TestMoveAppointmentPages: the manage link moves an appointment to
// another free time by a POST from its page; a taken time says so.
func TestMoveAppointmentPages(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	b := decodeBooking(t, c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil))
	for i, email := range []string{"a@example.com", "b@example.com"} { // fill 09:20 on 2 December
		if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-02T09:20:00+08:00", email), nil); res.Status != 201 {
			t.Fatalf("filling booking %d: %d %s", i, res.Status, res.Body)
		}
	}
	manage := c.get("/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(manage.Body, "Change the time") {
		t.Fatal("the manage page offers no move")
	}
	// Cancelling, which cannot be undone, looks it and stands apart from the move.
	if !strings.Contains(manage.Body, `<form method="get" action="/bookings/`+b.Reference+`/cancel" class="cancel">`) ||
		!strings.Contains(manage.Body, `<button type="submit" class="danger">Cancel this appointment</button>`) {
		t.Fatal("the cancel button is not set apart as destructive")
	}
	movePath := "/bookings/" + b.Reference + "/reschedule?token=" + b.Token
	if page := c.get(movePath + "&day=2026-12-01"); page.Status != 200 || !strings.Contains(page.Body, "09:00–09:20: your present time") ||
		strings.Contains(page.Body, `value="2026-12-01T09:00:00&#43;08:00"`) {
		t.Fatalf("the move page at the present day: %d", page.Status)
	}
	page := c.get(movePath + "&day=2026-12-02")
	if page.Status != 200 || !strings.Contains(page.Body, `value="2026-12-02T09:00:00&#43;08:00"`) ||
		strings.Contains(page.Body, `value="2026-12-02T09:20:00&#43;08:00"`) || !strings.Contains(page.Body, `<input type="hidden" name="token"`) {
		i := strings.Index(page.Body, "<main")
		t.Fatalf("the move page: %d\n%.3000s", page.Status, page.Body[max(i, 0):])
	}
	csrf := pageCSRF(t, page)
	if res := c.post(movePath, url.Values{"csrf": {csrf}}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `role="alert"`) {
		t.Fatalf("a move without a time: %d", res.Status)
	}
	if res := c.post(movePath, url.Values{"csrf": {csrf}, "start": {"2026-12-02T09:20:00+08:00"}}); res.Status != http.StatusConflict || !strings.Contains(res.Body, `role="alert"`) {
		t.Fatalf("a move to a full time: %d", res.Status)
	}
	if res := c.post(movePath, url.Values{"start": {"2026-12-02T09:00:00+08:00"}}); res.Status != http.StatusForbidden {
		t.Fatalf("a move without the CSRF token: %d", res.Status)
	}
	res := c.post(movePath, url.Values{"csrf": {csrf}, "start": {"2026-12-02T09:00:00+08:00"}})
	if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "&moved=1") {
		t.Fatalf("the move: %d %s", res.Status, res.Header.Get("Location"))
	}
	if moved := c.get(res.Header.Get("Location")); !strings.Contains(moved.Body, "Your appointment has moved") {
		t.Fatalf("the manage page after the move:\n%.1200s", moved.Body)
	}
	got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(got.Body, `"start": "2026-12-02T09:00:00+08:00"`) || !strings.Contains(got.Body, `"sequence": 1`) {
		t.Fatalf("after the move: %s", got.Body)
	}
}

// TestClosureCancelsAppointments: staff close a day with appointments only
// by cancelling them, and each applicant gets a cancellation.
func TestClosureCancelsAppointments(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	b := decodeBooking(t, c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil))
	c.login("consul")
	form := url.Values{"day": {"2026-12-01"}, "reason": {"Power cut"}}
	if res := c.post("/staff/missions/by-cg-chongqing/closures", form); res.Status != http.StatusConflict || !strings.Contains(res.Body, "Appointments are booked on 2026-12-01 (1)") {
		t.Fatalf("closing over an appointment: %d\n%.800s", res.Status, res.Body)
	}
	form.Set("cancel_bookings", "yes")
	res := c.post("/staff/missions/by-cg-chongqing/closures", form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("closing with cancellation: %d", res.Status)
	}
	if page := c.get(res.Header.Get("Location")); !strings.Contains(page.Body, "Appointments cancelled: 1") {
		t.Fatalf("the closures page after closing:\n%.1200s", page.Body)
	}
	got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(got.Body, `"status": "cancelled"`) || !strings.Contains(got.Body, `"cancel_reason": "closed"`) {
		t.Fatalf("the booking after the closure: %s", got.Body)
	}
	msgs, err := e.DB.Outbox(context.Background(), store.OutboxQuery{Unsent: false, Limit: 10})
	if err != nil || len(msgs) == 0 || msgs[0].Kind != "closure" || msgs[0].ICSMethod != "CANCEL" {
		t.Fatalf("outbox %+v, %v", msgs, err)
	}
}
