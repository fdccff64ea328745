package ui

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// CoopRecords reads every record of a kind (up to RecordsLimit) into
// values of type T.
func CoopRecords[T any](ctx context.Context, db *store.DB, kind string) ([]T, error) {
	recs, _, err := db.CoopRecords(ctx, store.CoopQuery{Kind: kind, Limit: RecordsLimit})
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(recs))
	for _, rec := range recs {
		var v T
		if err := rec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s %s: %w", kind, rec.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// ProfileIDs are the entities of the profiles.
func ProfileIDs(ps []matchmaking.Profile) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.EntityID
	}
	return out
}

// PairIDs are the entities of the suggestions.
func PairIDs(ss []matchmaking.Suggestion) []string {
	out := make([]string, 0, 2*len(ss))
	for _, sg := range ss {
		out = append(out, sg.A, sg.B)
	}
	return out
}

// SuggestionRow is one suggested pair as staff see it: the rule's reasons,
// in the reader's language, and staff's decision on it.
type SuggestionRow struct {
	Pair    matchmaking.Pair
	A, B    string // names
	Reasons []string
	Score   int
	Mutual  bool
	Status  matchmaking.Status
	By, At  string
	Stale   bool // decided on, but the profiles no longer meet
}

// ID is the row's anchor on the page.
func (row SuggestionRow) ID() string { return "pair-" + row.Pair.A + "--" + row.Pair.B }

// MissionPage is one mission with its district and every source's statement.
type MissionPage struct {
	Mission  mission.Mission
	District mission.District
	Day      string
}

func (s *Server) MissionPage(r *http.Request) (MissionPage, error) {
	id := r.PathValue("id")
	m, err := s.DB.Mission(r.Context(), id)
	if err != nil {
		return MissionPage{}, err
	}
	members, err := s.DB.Memberships(r.Context(), id)
	if err != nil {
		return MissionPage{}, err
	}
	claims, err := s.DB.Claims(r.Context(), id)
	if err != nil {
		return MissionPage{}, err
	}
	day := s.Today(m.TimeZone)
	return MissionPage{Mission: m, District: mission.DistrictOf(m, members, claims, day), Day: day}, nil
}

// RecordsLimit bounds how many records of a kind a page reads at once.
const RecordsLimit = 500

// SearchCursor writes a record's place in the search order for the next
// page's link: opaque to clients, URL-safe.
func SearchCursor(k store.CoopKey) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.Kind + "\n" + k.Date + "\n" + k.ID))
}

// ParseSearchCursor reads what SearchCursor wrote; "" is the first page.
func ParseSearchCursor(v string) (*store.CoopKey, error) {
	if v == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	parts := strings.Split(string(b), "\n")
	if err != nil || len(parts) != 3 || !utf8.Valid(b) || len(b) > 1000 {
		return nil, chancery.Errorf(chancery.EINVALID, "error.search_after")
	}
	return &store.CoopKey{Kind: parts[0], Date: parts[1], ID: parts[2]}, nil
}

// MaxSearchRunes is the longest search the record's search takes.
const MaxSearchRunes = 200

// RecordPath is the address of a record's public page:
// /relations/entity/great-stone.
func RecordPath(kind, id string) string {
	return "/relations/" + url.PathEscape(kind) + "/" + url.PathEscape(id)
}

// RecordPath is the address of a record's public page, for templates.
func (v *View) RecordPath(kind, id string) string { return RecordPath(kind, id) }
