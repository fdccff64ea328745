package web_test

import "testing"

// matchActions are the staff routes of business matchmaking: organisations' offers and needs, suggestions, introductions, for the role matrix.
func matchActions(t *testing.T, e *testEnv) []staffAction { return nil }
