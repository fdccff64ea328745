package web_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.run(t, e.client(), []scenario{
		{name: "missions", path: "/api/v1/missions", status: 200, want: []string{`"by-cg-chongqing"`, `"disputed": true`, `"left_out_by_claims"`}},
		{name: "one mission with its sources", path: "/api/v1/missions/by-cg-chongqing", status: 200,
			want: []string{`"subdivision": "CN-YN"`, `"publisher": "iChongqing (by Rui Huxingchen Yue)"`, `"read_as": "CN-SN"`}},
		{name: "unknown mission", path: "/api/v1/missions/nowhere", status: 404, want: []string{`"code": "not_found"`, `"message": "There is no mission`}},
		{name: "jurisdiction by code", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-HB", status: 200,
			want: []string{`"id": "by-cg-chongqing"`, `"basis": "sourced"`, `"disputed": true`, `"dissenting_claims"`}},
		{name: "jurisdiction by city", path: "/api/v1/jurisdiction?sending=BY&place=Wuhan", status: 200, want: []string{`"code": "CN-HB"`, `"matched_via": "city"`}},
		{name: "jurisdiction by Chinese city", path: "/api/v1/jurisdiction?place=%E6%88%90%E9%83%BD", status: 200, want: []string{`"code": "CN-SC"`, `"id": "by-cg-chongqing"`}},
		{name: "no known district: a suggestion, labelled", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-SH", status: 200,
			want: []string{`"id": "by-cg-shanghai"`, `"basis": "suggested"`, `"reason": "located_here"`}, notWant: []string{`"by_default"`, `"membership"`}},
		{name: "Shenzhen: Guangzhou suggested", path: "/api/v1/jurisdiction?sending=BY&place=Shenzhen", status: 200,
			want: []string{`"code": "CN-GD"`, `"id": "by-cg-guangzhou"`, `"basis": "suggested"`}},
		{name: "nearest suggestion says how far", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-SX", status: 200,
			want: []string{`"id": "by-embassy-beijing"`, `"basis": "suggested"`, `"reason": "nearest"`, `"distance_km"`, `"literally": "CN-SX"`, `"claims_writing_its_name_read_otherwise"`}},
		{name: "Hong Kong and Macao are sourced", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-MO", status: 200,
			want: []string{`"id": "by-office-hong-kong"`, `"kind": "consulate_general"`, `"basis": "sourced"`}},
		{name: "a disputed entry carries its reading", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-YN", status: 200,
			want: []string{`"basis": "sourced"`, `"disputed": true`, `"note": {`}},
		{name: "heads as of a source, with the predecessor", path: "/api/v1/missions/by-embassy-beijing", status: 200,
			want: []string{`"as_of": "2024-03-22"`, `"former_heads": [`, `"since": "2020-11-19"`, `"until": "2023"`}},
		{name: "no place", path: "/api/v1/jurisdiction?sending=BY", status: 400, want: []string{`"code": "invalid"`, "Please enter where you live"}},
		{name: "unknown code", path: "/api/v1/jurisdiction?sending=BY&subdivision=CN-ZZ", status: 400, want: []string{"not a known subdivision code"}},
		{name: "unknown place", path: "/api/v1/jurisdiction?sending=BY&place=Atlantis", status: 404, want: []string{`"code": "not_found"`}},
		{name: "malformed sending country", path: "/api/v1/jurisdiction?sending=Belarus&place=Wuhan", status: 400, want: []string{"two-letter code"}},
		{name: "country without missions", path: "/api/v1/jurisdiction?sending=FR&place=Wuhan", status: 404, want: []string{"FR has no mission recorded"}},
		{name: "over-long input", path: "/api/v1/jurisdiction?place=" + strings.Repeat("%E6%88%90", 300), status: 400},
		{name: "invalid UTF-8", path: "/api/v1/jurisdiction?place=%ff%fe", status: 400, want: []string{`"code": "invalid"`}},
		{name: "wrong method", method: "POST", path: "/api/v1/missions", status: 405, want: []string{`"code": "method_not_allowed"`}},
		{name: "unknown endpoint", path: "/api/v1/nothing", status: 404, want: []string{`"code": "not_found"`}},
		{name: "message in the reader's language", path: "/api/v1/jurisdiction?sending=BY", header: map[string]string{"Accept-Language": "ru"}, status: 400, want: []string{`"code": "invalid"`}, notWant: []string{"Please enter"}},
		{name: "subdivisions", path: "/api/v1/subdivisions", status: 200, want: []string{`"CN-SN"`, `"gb_t_2260": "610000"`}},
	})
}

func TestAPIErrorShape(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.client().get("/api/v1/jurisdiction?sending=BY&place=")
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, res.Body)
	}
	if body.Error.Code == "" || body.Error.Message == "" || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("error shape %+v, content type %s", body, res.Header.Get("Content-Type"))
	}
	if res.Header.Get("Allow") != "" {
		t.Error("Allow belongs only on 405 answers")
	}
	if got := e.client().do("PUT", "/api/v1/missions", nil, nil).Header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow %q", got)
	}
}
