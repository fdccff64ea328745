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

// ErrLotteryOnly: the slot's places are given out by a lottery release
// that has not been drawn yet, so they cannot be booked directly or moved
// into; the person enters the release instead.
var ErrLotteryOnly = chancery.Errorf(chancery.ECONFLICT, "error.lottery_only")

// ErrAlreadyEntered: the person (whatever the spelling of their address)
// already has a confirmed entry in the release.
var ErrAlreadyEntered = chancery.Errorf(chancery.ECONFLICT, "error.release_already_entered")
