package booking

import "github.com/chancery-platform/chancery"

// Refusals of a booking that callers act on (a lost race gets the next free
// slots, a repeated form its first answer); test for them with errors.Is.
var (
	// ErrSlotFull: the slot has no place left.
	ErrSlotFull = chancery.Errorf(chancery.ECONFLICT, "error.slot_full")
	// ErrDayFull: the service's quota for the day is taken (Day in its data).
	ErrDayFull = chancery.Errorf(chancery.ECONFLICT, "error.day_full")
	// ErrAlreadyBooked: the person holds an active booking of the service.
	ErrAlreadyBooked = chancery.Errorf(chancery.ECONFLICT, "error.already_booked")
)
