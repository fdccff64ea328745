package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// coopPaths are the API's list endpoints of the record, by kind.
var coopPaths = map[string]string{
	cooperation.KindEntity:      "/api/v1/entities",
	cooperation.KindRole:        "/api/v1/roles",
	cooperation.KindPartnership: "/api/v1/partnerships",
	cooperation.KindAgreement:   "/api/v1/agreements",
	cooperation.KindEvent:       "/api/v1/events",
	cooperation.KindCorridor:    "/api/v1/corridors",
	cooperation.KindTrade:       "/api/v1/trade-figures",
}

// Page sizes of the record's lists.
const (
	coopPageSize    = 50
	coopMaxPageSize = 200
)

// apiCoopList is one page of a list of records.
type apiCoopList struct {
	Kind   string            `json:"kind"`
	Total  int               `json:"total"`
	Limit  int               `json:"limit"`
	Offset int               `json:"offset"`
	Next   string            `json:"next,omitempty"` // the next page, when there is one
	Items  []json.RawMessage `json:"items"`
}

// apiCoopHit is one search result: the record with its kind, and the
// address of its public page.
type apiCoopHit struct {
	Kind   string          `json:"kind"`
	ID     string          `json:"id"`
	URL    string          `json:"url"`
	Record json.RawMessage `json:"record"`
}

// pageParams reads limit and offset.
func pageParams(q url.Values) (limit, offset int, err error) {
	limit, offset = coopPageSize, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > coopMaxPageSize {
			return 0, 0, chancery.Errorf(chancery.EINVALID, "error.page_limit", "Max", coopMaxPageSize)
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 || offset > 1_000_000 {
			return 0, 0, chancery.Errorf(chancery.EINVALID, "error.page_offset")
		}
	}
	return limit, offset, nil
}

// apiCoopList lists the records of one kind, dated from and to (partial
// dates, both optional), a page at a time.
func (s *Server) apiCoopList(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit, offset, err := pageParams(q)
		if err == nil {
			err = cooperation.CheckDate("from", q.Get("from"), true)
		}
		if err == nil {
			err = cooperation.CheckDate("to", q.Get("to"), true)
		}
		facets := map[string]string{}
		for _, name := range cooperation.FacetNames[kind] {
			if v := q.Get(name); v != "" && err == nil {
				err = cooperation.CheckFacet(kind, name, v)
				facets[name] = v
			}
		}
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		recs, total, err := s.DB.CoopRecords(r.Context(), store.CoopQuery{Kind: kind, From: q.Get("from"), To: q.Get("to"),
			Facets: facets, Limit: limit, Offset: offset})
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		out := apiCoopList{Kind: kind, Total: total, Limit: limit, Offset: offset, Items: []json.RawMessage{}}
		for _, rec := range recs {
			out.Items = append(out.Items, rec.Doc)
		}
		if offset+len(recs) < total {
			next := url.Values{"limit": {strconv.Itoa(limit)}, "offset": {strconv.Itoa(offset + limit)}}
			for _, k := range append([]string{"from", "to"}, cooperation.FacetNames[kind]...) {
				if v := q.Get(k); v != "" {
					next.Set(k, v)
				}
			}
			out.Next = coopPaths[kind] + "?" + next.Encode()
		}
		ui.WriteJSON(w, http.StatusOK, out)
	}
}

// apiSearch finds records of every kind by any spelling of their names
// and titles and by the words of their descriptions, in any of the four
// languages, a page at a time: a page that
// is not the last links the next, which starts after its last record.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	limit, _, err := pageParams(r.URL.Query())
	var after *store.CoopKey
	switch {
	case err != nil:
	case q == "":
		err = chancery.Errorf(chancery.EINVALID, "error.search_empty")
	case utf8.RuneCountInString(q) > ui.MaxSearchRunes || !utf8.ValidString(q):
		err = chancery.Errorf(chancery.EINVALID, "error.search_too_long", "Max", ui.MaxSearchRunes)
	default:
		after, err = ui.ParseSearchCursor(r.URL.Query().Get("after"))
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	recs, more, err := s.Searches.Page(r.Context(), ui.VisitOf(r).IP, store.CoopSearchQuery{Text: q, Limit: limit, After: after})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := struct {
		Query   string       `json:"query"`
		Limit   int          `json:"limit"`
		Next    string       `json:"next,omitempty"` // the next page, when there is one
		Results []apiCoopHit `json:"results"`
	}{Query: q, Limit: limit, Results: []apiCoopHit{}}
	for _, rec := range recs {
		out.Results = append(out.Results, apiCoopHit{Kind: rec.Kind, ID: rec.ID, URL: ui.RecordPath(rec.Kind, rec.ID), Record: rec.Doc})
	}
	if more {
		next := url.Values{"q": {q}, "limit": {strconv.Itoa(limit)}, "after": {ui.SearchCursor(recs[len(recs)-1].Key())}}
		out.Next = "/api/v1/search?" + next.Encode()
	}
	ui.WriteJSON(w, http.StatusOK, out)
}
