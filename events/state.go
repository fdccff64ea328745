package events

import (
	"errors"
	"time"
)

// State names where the event's registration stands at now, as the API
// and the staff list give it: "open", "waitlist" (a registration joins
// the waiting list), "full", "not_open" or "closed".
func (e Event) State(now time.Time) string {
	err := e.Accepting(now)
	switch {
	case err == nil && (e.Full() || e.Waiting > 0):
		return "waitlist"
	case err == nil:
		return "open"
	case errors.Is(err, ErrFull):
		return "full"
	case errors.Is(err, ErrNotOpen):
		return "not_open"
	}
	return "closed"
}
