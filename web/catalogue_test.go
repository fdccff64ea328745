package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/emersion/go-ical"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mail/mailtest"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

// catalogueWords are the catalogue's messages in lang, as the pages write them.
func catalogueWords(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("ui/locales/catalogue." + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestServiceStartPage: in each language the visa service's page says,
// before one chooses a time, what it is for, the documents to bring as a
// list, the fee from the fee table with its source, the processing time,
// where and how long, then the button that starts; a fee nobody sourced
// carries the mission's mark. The services list leads to it.
func TestServiceStartPage(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	svc, err := e.DB.Service(context.Background(), "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	if list := c.get("/missions/by-cg-chongqing/book"); !strings.Contains(list.Body, `href="/missions/by-cg-chongqing/services/cq-visa"`) {
		t.Fatalf("the services list does not lead to the service's page:\n%.2000s", list.Body)
	}
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		w := catalogueWords(t, lang)
		page := c.get("/missions/by-cg-chongqing/services/cq-visa?lang=" + lang)
		if page.Status != http.StatusOK {
			t.Fatalf("%s: %d", lang, page.Status)
		}
		body := html.UnescapeString(page.Body)
		want := []string{w["catalogue.before_start"], w["catalogue.documents"], w["catalogue.fee"], w["catalogue.processing_time"],
			w["catalogue.where"], w["catalogue.visit"], w["catalogue.start"], svc.Description[lang], svc.Name[lang],
			strings.ReplaceAll(w["catalogue.visit_minutes"], "{{.Minutes}}", "20"),
			"30 USD", "90 USD", `href="/sources#src-by-embassy-cn-fee-tariff"`, `href="/missions/by-cg-chongqing/book/cq-visa"`}
		for _, d := range svc.Documents {
			want = append(want, "<li>"+d[lang]+"</li>")
		}
		for _, s := range want {
			if !strings.Contains(body, s) {
				t.Errorf("%s: the page does not say %q", lang, s)
			}
		}
		// The order of the start page: documents, fee, then the button.
		if i, j, k := strings.Index(body, w["catalogue.documents"]), strings.Index(body, "30 USD"), strings.Index(body, w["catalogue.start"]); !(i < j && j < k) {
			t.Errorf("%s: documents at %d, fee at %d, button at %d", lang, i, j, k)
		}
		other := html.UnescapeString(c.get("/missions/by-cg-chongqing/services/cq-registration?lang=" + lang).Body)
		if !strings.Contains(other, w["catalogue.fee_set_by_mission"]) || strings.Contains(other, "/sources#src-") {
			t.Errorf("%s: a fee without a source is not marked as the mission's, or looks sourced:\n%.3000s", lang, other)
		}
	}
	if res := c.get("/missions/by-cg-chongqing/services/no-such-service"); res.Status != http.StatusNotFound {
		t.Errorf("an unknown service: %d", res.Status)
	}
	if res := c.get("/missions/by-embassy-beijing/services/cq-visa"); res.Status != http.StatusNotFound {
		t.Errorf("another mission's service: %d", res.Status)
	}
}

// catalogueForm is the staff service form with its catalogue part.
func catalogueForm() url.Values {
	f := url.Values{"capacity": {"2"}, "duration_minutes": {"20"}, "window_days": {"30"}, "min_notice_hours": {"24"},
		"daily_quota": {"30"}, "active": {"yes"}, "mode": {"open"}, "catalogue": {"yes"}, "fee_kind": {"text"},
		"fee_source": {"by-embassy-cn-fee-tariff"}, "fee_quote": {"D - 90 $"}}
	for _, l := range []string{"en", "zh", "ru", "be"} {
		f.Set("description_"+l, "For long stays ("+l+")")
		f.Set("documents_"+l, "Passport ("+l+")\n\nTwo photos ("+l+")\n")
		f.Set("processing_time_"+l, "Ten working days ("+l+")")
		f.Set("fee_text_"+l, "USD 90 ("+l+")")
	}
	return f
}

// TestServiceCatalogueDesk: a consul edits what the service's page says
// on the service form; the change is audited and shown to the public; an
// officer may not; documents that do not line up across languages, and a
// sourced fee without its source, are refused with a 400.
func TestServiceCatalogueDesk(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	officer := e.client()
	officer.login("officer")
	if page := officer.get("/staff/services/cq-visa"); page.Status != 200 || strings.Contains(page.Body, `name="description_en"`) {
		t.Fatalf("an officer is offered the catalogue form: %d", page.Status)
	}
	if res := officer.post("/staff/services/cq-visa", catalogueForm()); res.Status != http.StatusForbidden {
		t.Fatalf("an officer saved the catalogue: %d", res.Status)
	}
	c := e.client()
	c.login("consul")
	if page := c.get("/staff/services/cq-visa"); !strings.Contains(page.Body, `name="documents_zh"`) || !strings.Contains(page.Body, `value="fee_table" checked`) {
		t.Fatalf("the consul's service form has no catalogue part:\n%.3000s", page.Body)
	}
	res := c.post("/staff/services/cq-visa", catalogueForm())
	if res.Status != http.StatusSeeOther {
		t.Fatalf("saving: %d %.800s", res.Status, res.Body)
	}
	svc, err := e.DB.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	if svc.Description["ru"] != "For long stays (ru)" || len(svc.Documents) != 2 || svc.Documents[1]["be"] != "Two photos (be)" ||
		svc.ProcessingTime["zh"] != "Ten working days (zh)" || svc.Fee.Kind != booking.FeeText || svc.Fee.Citation.Quote != "D - 90 $" {
		t.Fatalf("saved %+v", svc.Catalogue)
	}
	log, err := e.DB.AuditLog(ctx, store.AuditFilter{Entity: "service", EntityID: "cq-visa", Limit: 1})
	if err != nil || len(log) != 1 || log[0].Actor != "consul" || !strings.Contains(log[0].After, "Two photos (en)") {
		t.Fatalf("audit %+v %v", log, err)
	}
	page := html.UnescapeString(c.get("/staff/services/cq-visa").Body)
	if !strings.Contains(page, "Passport (en)\nTwo photos (en)</textarea>") {
		t.Fatalf("the form does not show the documents saved:\n%.3000s", page)
	}
	public := html.UnescapeString(e.client().get("/missions/by-cg-chongqing/services/cq-visa?lang=ru").Body)
	for _, s := range []string{"For long stays (ru)", "<li>Two photos (ru)</li>", "USD 90 (ru)", "D - 90 $", "Ten working days (ru)"} {
		if !strings.Contains(public, s) {
			t.Errorf("the public page does not say %q", s)
		}
	}
	bad := catalogueForm()
	bad.Set("documents_zh", "只有一项")
	if res := c.post("/staff/services/cq-visa", bad); res.Status != http.StatusBadRequest ||
		!strings.Contains(html.UnescapeString(res.Body), catalogueWords(t, "en")["error.service_documents_mismatch"]) {
		t.Errorf("documents that do not line up: %d", res.Status)
	}
	bad = catalogueForm()
	bad.Set("fee_source", "")
	if res := c.post("/staff/services/cq-visa", bad); res.Status != http.StatusBadRequest {
		t.Errorf("a sourced fee without a source: %d", res.Status)
	}
	bad = catalogueForm()
	bad.Set("fee_source", "no-such-source")
	if res := c.post("/staff/services/cq-visa", bad); res.Status != http.StatusBadRequest {
		t.Errorf("a fee citing an unknown source: %d", res.Status)
	}
	// A form without the catalogue part keeps the catalogue.
	plain := catalogueForm()
	plain.Del("catalogue")
	plain.Set("capacity", "3")
	if res := c.post("/staff/services/cq-visa", plain); res.Status != http.StatusSeeOther {
		t.Fatalf("saving the settings alone: %d", res.Status)
	}
	if got, _ := e.DB.Service(ctx, "cq-visa"); got.Capacity != 3 || len(got.Documents) != 2 {
		t.Fatalf("the settings alone changed the catalogue: %+v", got)
	}
}

// TestServiceCatalogueAPI: the API's service objects carry description,
// documents, fee and processing_time; the visa fee is the fee table's
// rows with their source, a fee set by the mission says it is not sourced.
func TestServiceCatalogueAPI(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	res := e.client().get("/api/v1/missions/by-cg-chongqing/services?lang=zh")
	var got struct {
		Services []struct {
			ID             string
			Description    map[string]string
			Documents      []map[string]string
			ProcessingTime map[string]string `json:"processing_time"`
			Fee            struct {
				Kind     string
				Sourced  bool
				Citation *struct{ Kind string }
				Table    []struct{ Applicant, VisaType, Amount, Currency, Source, Basis string }
			}
		}
	}
	if err := json.Unmarshal([]byte(res.Body), &got); err != nil || res.Status != 200 {
		t.Fatalf("%d %v %s", res.Status, err, res.Body)
	}
	for _, field := range []string{`"description"`, `"documents"`, `"fee"`, `"processing_time"`} {
		if !strings.Contains(res.Body, field) {
			t.Errorf("no %s in %s", field, res.Body)
		}
	}
	seen := map[string]bool{}
	for _, s := range got.Services {
		seen[s.ID] = true
		if s.Description["zh"] == "" || len(s.Documents) == 0 || s.Documents[0]["be"] == "" || s.ProcessingTime == nil {
			t.Errorf("%s: %+v", s.ID, s)
		}
		switch s.ID {
		case "cq-visa":
			if s.Fee.Kind != "fee_table" || !s.Fee.Sourced || len(s.Fee.Table) == 0 {
				t.Errorf("the visa fee: %+v", s.Fee)
			}
			for _, r := range s.Fee.Table {
				if r.Source != "by-embassy-cn-fee-tariff" || r.Basis != "sourced" {
					t.Errorf("a fee row: %+v", r)
				}
			}
		case "cq-registration":
			if s.Fee.Kind != "set_by_mission" || s.Fee.Sourced || s.Fee.Citation == nil || s.Fee.Citation.Kind != "set_by_mission" {
				t.Errorf("a fee set by the mission: %+v", s.Fee)
			}
		}
	}
	if !seen["cq-visa"] || !seen["cq-registration"] {
		t.Fatalf("services %v", seen)
	}
}

// TestCatalogueInConfirmation: the booking's page, its confirmation mail
// and its calendar entry repeat where (the mission's address) and the
// documents to bring; the entry's LOCATION is the address and its
// ORGANIZER the configured From address.
func TestCatalogueInConfirmation(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	m, err := e.DB.Mission(ctx, "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	m.Address = map[string]string{"en": "1 Test Road, Yubei District, Chongqing", "zh": "重庆市渝北区测试路1号",
		"ru": "Чунцин, район Юйбэй, Тестовая ул., 1", "be": "Чунцын, раён Юйбэй, Тэставая вул., 1"}
	if _, err := e.DB.SaveMission(ctx, store.Actor{Name: "test"}, m); err != nil {
		t.Fatal(err)
	}
	svc, _ := e.DB.Service(ctx, "cq-visa")
	smtpd := mailtest.Start(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: "https://consulate.example", MailFrom: "Consulate General <cq@consulate.example>"})
	if err != nil {
		t.Fatal(err)
	}
	conf := smtpd.SMTP()
	mailer := srv.NewMailer(&conf, "Consulate General <cq@consulate.example>")
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	res := c.postJSON("/api/v1/bookings", strings.Replace(bookingJSON("2026-12-04T09:00:00+08:00", "ivan@example.com"), `"passport"`, `"lang":"ru","passport"`, 1), nil)
	if res.Status != 201 {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	page := html.UnescapeString(c.get("/bookings/" + b.Reference + "?lang=ru&token=" + url.QueryEscape(b.Token)).Body)
	for _, s := range []string{m.Address["ru"], "<li>" + svc.Documents[0]["ru"] + "</li>", catalogueWords(t, "ru")["catalogue.documents"]} {
		if !strings.Contains(page, s) {
			t.Errorf("the booking's page does not say %q", s)
		}
	}
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d: %v", n, err)
	}
	confirm := parseMail(t, smtpd.Messages()[0].Data)
	for _, s := range []string{m.Address["ru"], catalogueWords(t, "ru")["catalogue.mail.documents"], "- " + svc.Documents[0]["ru"], "- " + svc.Documents[1]["ru"]} {
		if !strings.Contains(confirm.Text, s) {
			t.Errorf("the confirmation does not say %q:\n%s", s, confirm.Text)
		}
	}
	// With the documents listed, the mail asks for them, not for "an
	// identity document" as well, which it asks for only when none are.
	if strings.Contains(confirm.Text, "например паспорт") || !strings.Contains(confirm.Text, "перечисленными ниже") {
		t.Errorf("the confirmation asks for documents twice or not at all:\n%s", confirm.Text)
	}
	ev := confirm.Calendar.Events()
	if len(ev) != 1 {
		t.Fatalf("%d events", len(ev))
	}
	loc, _ := ev[0].Props.Text(ical.PropLocation)
	desc, _ := ev[0].Props.Text(ical.PropDescription)
	org := ev[0].Props.Get(ical.PropOrganizer)
	if !strings.Contains(loc, m.Address["ru"]) || org == nil || !strings.EqualFold(org.Value, "mailto:cq@consulate.example") || !strings.Contains(desc, svc.Documents[0]["ru"]) {
		t.Fatalf("LOCATION %q, ORGANIZER %+v, DESCRIPTION %q", loc, org, desc)
	}
	// The calendar link of the booking's page gives the same entry.
	cal := c.get("/api/v1/bookings/" + b.Reference + "/calendar.ics?token=" + url.QueryEscape(b.Token))
	if cal.Status != 200 || !strings.Contains(cal.Body, "ORGANIZER") || !strings.Contains(cal.Body, "mailto:cq@consulate.example") {
		t.Fatalf("calendar.ics: %d %s", cal.Status, cal.Body)
	}
}
