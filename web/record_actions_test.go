package web_test

import "testing"

// recordActions are the staff routes of the staff editor, import and export of the relationship's record, for the role matrix.
func recordActions(t *testing.T, e *testEnv) []staffAction { return nil }
