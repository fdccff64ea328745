package web_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/store"
)

// matchFixtures gives the role matrix an introduction whose outcome to
// change, between two organisations of the default profiles. It may be
// called again on the same database and then adds nothing.
func matchFixtures(t *testing.T, e *testEnv) (introID int64) {
	t.Helper()
	in, _, err := e.DB.Introduce(context.Background(), store.Actor{Name: "test"},
		matchmaking.Introduction{Pair: matchmaking.PairOf("great-stone", "chongqing"), Date: "2024-05-23", Note: "At the fair"})
	if err != nil && chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatal(err)
	}
	return in.ID
}

// matchActions are the staff routes of business matchmaking: organisations' offers and needs, suggestions, introductions, for the role matrix.
func matchActions(t *testing.T, e *testEnv) []staffAction {
	intro := matchFixtures(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	curators := map[string]bool{"admin": true, "consul": true}
	return []staffAction{
		{"matchmaking profiles", "GET", "/staff/match", nil, 200, all},
		{"matchmaking profile", "GET", "/staff/match/profiles/great-stone", nil, 200, all},
		{"edit a profile", "POST", "/staff/match/profiles/great-stone", url.Values{"offer": {"VI"}, "seek": {"XVII", "XVIII"}, "detail_en": {"Medicinal products"}}, 303, curators},
		{"suggestions", "GET", "/staff/match/suggestions", nil, 200, all},
		{"accept a suggestion", "POST", "/staff/match/suggestions/belarus/chongqing", url.Values{"from": {"suggested"}, "to": {"accepted"}}, 303, curators},
		{"introductions", "GET", "/staff/match/introductions", nil, 200, all},
		{"record an introduction", "POST", "/staff/match/introductions", url.Values{"a": {"belarus"}, "b": {"chongqing"}, "date": {"2024-05-24"}, "note": {"Forum"}}, 303, all},
		{"record an outcome", "POST", "/staff/match/introductions/" + itoa(intro) + "/outcome", url.Values{"from": {"pending"}, "outcome": {"meeting_held"}}, 303, all},
	}
}
