package web_test

import "testing"

// eventActions are the staff routes of event registration: public pages, the API and the staff check-in list, for the role matrix.
func eventActions(t *testing.T, e *testEnv) []staffAction { return nil }
