package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// entryDecision is the part of /api/v1/entry-check answers the tests read.
type entryDecision struct {
	Request struct {
		Entries  string `json:"entries"`
		On       string `json:"on"`
		DaysUsed int    `json:"days_used_this_year"`
	} `json:"request"`
	VisaRequired bool `json:"visa_required"`
	Rule         struct {
		ID, Title, Citation, Quote, Basis string
		CitationURL                       string `json:"citation_url"`
		QuoteLang                         string `json:"quote_lang"`
	}
	Reasons   []struct{ Key, Message string }
	Notes     []struct{ Key, Message string }
	VisaType  string `json:"visa_type"`
	Fee       *struct{ Amount, Currency, Source, Basis string }
	AmountDue *struct{ Amount, Currency string } `json:"amount_due"`
}

func (c *client) entryCheck(t *testing.T, params string) entryDecision {
	t.Helper()
	res := c.get("/api/v1/entry-check?" + params)
	if res.Status != 200 {
		t.Fatalf("%s: status %d\n%s", params, res.Status, res.Body)
	}
	var d entryDecision
	if err := json.Unmarshal([]byte(res.Body), &d); err != nil {
		t.Fatalf("%s: %v", params, err)
	}
	return d
}

func hasKey(list []struct{ Key, Message string }, key string) bool {
	for _, s := range list {
		if s.Key == key {
			return true
		}
	}
	return false
}

// TestEntryCheckBoundaries drives every boundary of the rules through the
// API, on the fee table and rules the database holds.
func TestEntryCheckBoundaries(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	base := url.Values{"destination": {"BY"}, "nationality": {"CN"}, "passport": {"ordinary"}, "purpose": {"tourism"},
		"stay_days": {"20"}, "days_used_this_year": {"0"}, "on": {"2026-11-23"}}
	with := func(kv ...string) string {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		return q.Encode()
	}
	cases := []struct {
		name   string
		params string
		visa   bool
		rule   string
		reason string
		typ    string
	}{
		{"the issue's example", with(), false, "cn-by-mutual-exemption", "entry.reason.exemption_covers", ""},
		{"30 days a stay", with("stay_days", "30"), false, "cn-by-mutual-exemption", "entry.reason.stay_within", ""},
		{"31 days a stay", with("stay_days", "31"), true, "by-visa", "entry.reason.stay_exceeds", "C"},
		{"a long stay needs a D visa", with("stay_days", "91"), true, "by-visa", "entry.reason.visa_type_d_stay_configured", "D"},
		{"90 days a year", with("stay_days", "30", "days_used_this_year", "60"), false, "cn-by-mutual-exemption", "entry.reason.year_within", ""},
		{"91 days a year", with("stay_days", "30", "days_used_this_year", "61"), true, "by-visa", "entry.reason.year_exceeds", "C"},
		{"service passport", with("passport", "service"), true, "by-visa", "entry.reason.passport_not_covered", "C"},
		{"diplomatic passport", with("passport", "diplomatic"), true, "by-visa", "entry.reason.passport_not_covered", "C"},
		{"work is excluded", with("purpose", "work"), true, "by-visa", "entry.reason.purpose_not_covered", "D"},
		{"study is excluded", with("purpose", "study"), true, "by-visa", "entry.reason.purpose_not_covered", "D"},
		{"residence is excluded", with("purpose", "residence"), true, "by-visa", "entry.reason.purpose_not_covered", "D"},
		{"business is covered", with("purpose", "business"), false, "cn-by-mutual-exemption", "entry.reason.purpose_covered", ""},
		{"the exemption runs both ways", with("destination", "CN", "nationality", "BY"), false, "cn-by-mutual-exemption", "entry.reason.exemption_covers", ""},
		{"Belarusians going to work in China need a Chinese visa", with("destination", "CN", "nationality", "BY", "purpose", "work"), true, "cn-visa", "entry.reason.visa_china", ""},
		{"before the exemption was in force", with("on", "2018-08-09"), true, "by-visa", "entry.reason.not_yet_in_force", "C"},
		{"on the day it came into force", with("on", "2018-08-10"), false, "cn-by-mutual-exemption", "entry.reason.exemption_covers", ""},
		{"a German needs a visa", with("nationality", "DE"), true, "by-visa", "entry.reason.no_exemption", "C"},
		{"a Belarusian enters Belarus", with("nationality", "BY"), false, "own-country", "entry.reason.own_country", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := c.entryCheck(t, tc.params)
			if d.VisaRequired != tc.visa || d.Rule.ID != tc.rule || d.VisaType != tc.typ {
				t.Fatalf("visa %v rule %s type %q, want %v %s %q; reasons %+v", d.VisaRequired, d.Rule.ID, d.VisaType, tc.visa, tc.rule, tc.typ, d.Reasons)
			}
			if !hasKey(d.Reasons, tc.reason) {
				t.Errorf("reasons %+v lack %s", d.Reasons, tc.reason)
			}
			if d.Rule.Citation == "" || d.Rule.Title == "" {
				t.Error("the deciding rule has no title or legal source")
			}
			for _, s := range append(d.Reasons, d.Notes...) {
				if s.Message == "" || s.Message == s.Key || strings.Contains(s.Message, "<no value>") {
					t.Errorf("sentence %s is not filled in: %q", s.Key, s.Message)
				}
			}
		})
	}
}

func TestEntryCheckFees(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	d := c.entryCheck(t, "destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=120&on=2026-11-23")
	if d.Fee == nil || d.Fee.Amount != "90" || d.AmountDue == nil || d.AmountDue.Amount != "90" || d.AmountDue.Currency != "USD" {
		t.Fatalf("a Chinese citizen's D visa: fee %+v due %+v", d.Fee, d.AmountDue)
	}
	d = c.entryCheck(t, "destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20&days_used_this_year=80&entries=double&urgent=yes&on=2026-11-23")
	if d.VisaType != "C" || d.Fee == nil || d.Fee.Amount != "45" || d.AmountDue.Amount != "90" || !hasKey(d.Notes, "entry.note.fee_urgent") {
		t.Fatalf("urgent double-entry C visa: type %s fee %+v due %+v notes %+v", d.VisaType, d.Fee, d.AmountDue, d.Notes)
	}
	if d.Fee.Source != "by-embassy-cn-fee-tariff" || d.Fee.Basis != "sourced" || hasKey(d.Notes, "entry.note.fee_set_by_mission") {
		t.Fatalf("the tariff's fee is sourced: %+v %+v", d.Fee, d.Notes)
	}
	// The EU and "other" rows had no source and are no longer shipped: the
	// mission is asked instead of a figure being shown as sourced.
	d = c.entryCheck(t, "destination=BY&nationality=FR&passport=ordinary&purpose=tourism&stay_days=10&on=2026-11-23")
	if d.Fee != nil || d.AmountDue != nil || !hasKey(d.Notes, "entry.note.fee_not_in_data") {
		t.Fatalf("an EU citizen's C visa: %+v %+v %+v", d.Fee, d.AmountDue, d.Notes)
	}
	d = c.entryCheck(t, "destination=BY&nationality=RS&passport=ordinary&purpose=tourism&stay_days=10&on=2026-11-23")
	if d.AmountDue == nil || d.AmountDue.Amount != "0" || d.Fee.Source != "by-embassy-cn-fee-tariff" || !hasKey(d.Notes, "entry.note.fee_free") {
		t.Fatalf("a Serbian citizen pays no fee, per the tariff: %+v %+v %+v", d.AmountDue, d.Fee, d.Notes)
	}
	// No date means today in China; defaults are echoed back.
	d = c.entryCheck(t, "destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=10")
	if d.Request.On == "" || d.Request.Entries != "single" || d.Request.DaysUsed != 0 {
		t.Fatalf("defaults not filled in: %+v", d.Request)
	}
}

func TestEntryCheckErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ok := "destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20"
	e.run(t, e.client(), []scenario{
		{name: "missing stay", path: "/api/v1/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism", status: 400, want: []string{`"code": "invalid"`, "stay_days"}},
		{name: "nothing at all", path: "/api/v1/entry-check", status: 400, want: []string{`"code": "invalid"`}},
		{name: "unknown destination", path: "/api/v1/entry-check?" + strings.Replace(ok, "destination=BY", "destination=FR", 1), status: 400, want: []string{"Belarus (BY) or China (CN)"}},
		{name: "unknown country code", path: "/api/v1/entry-check?" + strings.Replace(ok, "nationality=CN", "nationality=QQ", 1), status: 400, want: []string{"not a country code we know"}},
		{name: "nationality as a word", path: "/api/v1/entry-check?" + strings.Replace(ok, "nationality=CN", "nationality=China", 1), status: 400, want: []string{"two-letter country code"}},
		{name: "unknown passport", path: "/api/v1/entry-check?" + strings.Replace(ok, "ordinary", "golden", 1), status: 400, want: []string{"ordinary, service or diplomatic"}},
		{name: "unknown purpose", path: "/api/v1/entry-check?" + strings.Replace(ok, "tourism", "smuggling", 1), status: 400, want: []string{"The purpose must be"}},
		{name: "zero days", path: "/api/v1/entry-check?" + strings.Replace(ok, "stay_days=20", "stay_days=0", 1), status: 400, want: []string{"between 1 and 3650"}},
		{name: "negative days", path: "/api/v1/entry-check?" + strings.Replace(ok, "stay_days=20", "stay_days=-5", 1), status: 400, want: []string{"between 1 and 3650"}},
		{name: "absurd days", path: "/api/v1/entry-check?" + strings.Replace(ok, "stay_days=20", "stay_days=99999999999999999999999", 1), status: 400, want: []string{"between 1 and 3650"}},
		{name: "days not a number", path: "/api/v1/entry-check?" + strings.Replace(ok, "stay_days=20", "stay_days=twenty", 1), status: 400, want: []string{"whole number"}},
		{name: "fractional days", path: "/api/v1/entry-check?" + strings.Replace(ok, "stay_days=20", "stay_days=2.5", 1), status: 400, want: []string{"whole number"}},
		{name: "year over 366", path: "/api/v1/entry-check?" + ok + "&days_used_this_year=367", status: 400, want: []string{"between 0 and 366"}},
		{name: "bad entries", path: "/api/v1/entry-check?" + ok + "&entries=seven", status: 400, want: []string{"single, double or multiple"}},
		{name: "bad urgent", path: "/api/v1/entry-check?" + ok + "&urgent=maybe", status: 400, want: []string{"yes or no"}},
		{name: "bad date", path: "/api/v1/entry-check?" + ok + "&on=2026-02-30", status: 400, want: []string{"not a date"}},
		{name: "repeated parameter", path: "/api/v1/entry-check?" + ok + "&stay_days=30", status: 400, want: []string{"more than once"}},
		{name: "over-long value", path: "/api/v1/entry-check?" + ok + "&on=" + strings.Repeat("9", 500), status: 400, want: []string{"too long"}},
		{name: "broken UTF-8", path: "/api/v1/entry-check?" + strings.Replace(ok, "tourism", "%ff%fe", 1), status: 400, want: []string{`"code": "invalid"`}},
		{name: "wrong method", method: "POST", path: "/api/v1/entry-check?" + ok, status: 405, want: []string{`"code": "method_not_allowed"`}},
		{name: "error in Russian", path: "/api/v1/entry-check?lang=ru&" + strings.Replace(ok, "stay_days=20", "stay_days=0", 1), status: 400, notWant: []string{"must be between"}},
	})
}

func TestEntryCheckPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ask := "/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&days_used_this_year=0&on=2026-11-23&stay_days="
	e.run(t, e.client(), []scenario{
		{name: "form", path: "/entry-check", status: 200, want: []string{`<select id="nationality"`, `<option value="CN">China</option>`, `id="stay_days"`, `name="purpose"`}, notWant: []string{"entry-answer"}},
		{name: "exempt", path: ask + "30", status: 200, want: []string{`id="entry-answer"`, "You do not need a visa.", "China–Belarus mutual visa exemption",
			"signed on 10 June 2018 in Qingdao", `href="http://www.pravo.by/novosti/novosti-pravo-by/2018/july/29496/"`,
			`<blockquote lang="ru">…без визы сроком не более 30 дней, но не более 90 дней в календарном году.`, `<option value="CN" selected>`},
			notWant: []string{"REFERENCE", "Set by the mission"}},
		{name: "visa needed, type and fee", path: ask + "31", status: 200, want: []string{"You need a visa.", "Type C: short-stay visa.", "30 USD", "exceeds the 30 days",
			"<strong>China–Belarus mutual visa exemption for ordinary passports:</strong>", "Embassy of the Republic of Belarus in the People&#39;s Republic of China",
			`href="http://china.mfa.gov.by/ru/consular_issues/visaquestion/tarif/"`, "The mission&#39;s guidance, not a published rule", "Set by the mission"},
			notWant: []string{"REFERENCE", "was not available", "not checked"}},
		{name: "field error", path: ask + "abc", status: 400, want: []string{`id="stay_days-error"`, `aria-invalid="true"`, "whole number", `value="abc"`}, notWant: []string{"entry-answer"}},
		{name: "Chinese", path: ask + "31&lang=zh", status: 200, want: []string{`<html lang="zh-Hans">`, `id="entry-answer"`, "白俄罗斯"}, notWant: []string{">entry.", "You need a visa"}},
		{name: "Russian", path: ask + "31&lang=ru", status: 200, want: []string{`<html lang="ru">`, "Беларусь"}, notWant: []string{">entry.", "You need a visa"}},
		{name: "Belarusian", path: ask + "31&lang=be", status: 200, want: []string{`<html lang="be">`, "Беларусь"}, notWant: []string{">entry.", "You need a visa"}},
	})
}

// TestEntryCheckSources: every deciding rule's legal source is told in the
// reader's language, a sourced rule links to its source with the source's
// own words, rules whose values no source gives are marked "configured",
// and no answer in any language mentions internal notes or the missing
// airport list. Staff, signed in, are told the airport rule was not tried.
func TestEntryCheckSources(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	const trip = "destination=BY&passport=ordinary&purpose=tourism&stay_days=10&on=2026-11-23&nationality="
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		for _, nat := range []string{"CN", "US", "BY"} {
			res := c.get("/api/v1/entry-check?lang=" + lang + "&" + trip + nat)
			for _, bad := range []string{"REFERENCE", "shared/", "sources/0", "airport_list_missing", "entry.citation"} {
				if strings.Contains(res.Body, bad) {
					t.Errorf("%s %s: the answer contains %q\n%s", lang, nat, bad, res.Body)
				}
			}
			page := c.get("/entry-check?lang=" + lang + "&" + trip + nat)
			for _, bad := range []string{"REFERENCE", "shared/", "was not available", "entry.citation", "entry.staff", "visa_free_airport"} {
				if strings.Contains(page.Body, bad) {
					t.Errorf("%s %s page contains %q", lang, nat, bad)
				}
			}
		}
	}
	d := c.entryCheck(t, trip+"CN")
	if d.Rule.ID != "cn-by-mutual-exemption" || d.Rule.Basis != "sourced" || d.Rule.CitationURL != "http://www.pravo.by/novosti/novosti-pravo-by/2018/july/29496/" ||
		d.Rule.QuoteLang != "ru" || !strings.Contains(d.Rule.Quote, "Виза потребуется, если визит продлится более 30 дней") {
		t.Fatalf("the visa-free rule's source: %+v", d.Rule)
	}
	d = c.entryCheck(t, "lang=ru&"+trip+"US")
	if d.Rule.ID != "by-visa" || d.Rule.Basis != "configured" || !strings.Contains(d.Rule.Citation, "постановление Совета Министров № 1065") {
		t.Fatalf("a US citizen's Belarusian visa, in Russian: %+v", d.Rule)
	}
	for _, s := range d.Reasons {
		if strings.HasPrefix(s.Key, "entry.reason.visa_type_") && !strings.Contains(s.Message, "Рекомендация загранучреждения") {
			t.Errorf("the visa type is the mission's guidance, said so: %q", s.Message)
		}
	}
	staffNotice := "no list of nationalities for visa-free entry through Minsk National Airport is configured for 2026-11-23"
	if page := c.get("/entry-check?" + trip + "US"); strings.Contains(page.Body, staffNotice) {
		t.Error("the public is shown the staff notice")
	}
	officer := e.client()
	officer.login("officer")
	if page := officer.get("/entry-check?" + trip + "US"); !strings.Contains(page.Body, staffNotice) {
		t.Errorf("staff are not told the airport rule was not tried:\n%.3000s", page.Body)
	}
}

// TestBookingServicesOffered: the Chongqing Consulate General offers the
// services of a Belarusian mission, no passport service and no
// legalization; its services page says the apostille replaced legalization,
// citing the Embassy and the HCCH, in every language.
func TestBookingServicesOffered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	want := map[string][]string{
		"en": {"Submitting a visa application", "set by the mission", "Certificate of return to Belarus", "Consular registration", "Civil-status registration", "Citizenship matters", "Notarial acts", "Since 7 November 2023 China and Belarus apply the apostille"},
		"zh": {"递交签证申请", "国籍事务", "公证行为", "自2023年11月7日起"},
		"ru": {"Вопросы гражданства", "Нотариальные действия", "С 7 ноября 2023 г."},
		"be": {"Пытанні грамадзянства", "Натарыяльныя дзеянні", "З 7 лістапада 2023 г."},
	}
	for lang, texts := range want {
		res := c.get("/missions/by-cg-chongqing/book?lang=" + lang)
		if res.Status != 200 {
			t.Fatalf("%s: %d", lang, res.Status)
		}
		for _, w := range append(texts, `href="https://china.mfa.gov.by/ru/consular_issues"`, `href="https://hcch.net/es/news-archive/details/?varevent=904"`,
			`<blockquote lang="ru">Начиная с 07.11.2023`) {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s: the services page lacks %q", lang, w)
			}
		}
		for _, bad := range []string{"cq-passport", "cq-legalization", "Passport matters", "Legalization of documents</a>", "REFERENCE"} {
			if strings.Contains(res.Body, bad) {
				t.Errorf("%s: the services page offers %q", lang, bad)
			}
		}
	}
	if res := c.get("/missions/by-cg-chongqing/book/cq-passport"); res.Status != 404 {
		t.Errorf("the passport service: %d", res.Status)
	}
}
