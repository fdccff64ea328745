package events

import "github.com/chancery-platform/chancery"

// Refusals of a registration that callers act on; test for them with
// errors.Is.
var (
	// ErrFull: every place is taken and the event keeps no waiting list.
	ErrFull = chancery.Errorf(chancery.ECONFLICT, "error.event_full")
	// ErrNotOpen: registration has not opened yet.
	ErrNotOpen = chancery.Errorf(chancery.ECONFLICT, "error.registration_not_open")
	// ErrClosed: registration is closed, or the event has begun.
	ErrClosed = chancery.Errorf(chancery.ECONFLICT, "error.registration_closed")
	// ErrAlreadyRegistered: the address holds a registration for the event.
	ErrAlreadyRegistered = chancery.Errorf(chancery.ECONFLICT, "error.already_registered")
	// ErrNotFound: no event of that id takes registration (ID in its data).
	ErrNotFound = chancery.Errorf(chancery.ENOTFOUND, "error.event_not_found")
)
